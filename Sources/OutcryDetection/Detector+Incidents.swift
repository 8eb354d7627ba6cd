import OutcryModel

extension Detector {
    /// Opens, extends and resolves incidents after every series has been stepped through `minute`; an incident
    /// opened in a quiet minute of its service (`quiet`: service → the window's text) is expected.
    ///
    /// A region does not open an incident of its own while its service has a global one open: the global
    /// incident lists the regions above their baseline, and one outage reported as a global incident plus one
    /// per region is three alarms for one event. A regional incident that began within the onset lookback
    /// before the global one is the same outage seen first where it started: the global incident takes it over
    /// (its id, detection time and onset) instead of opening beside it. An older regional incident carries on,
    /// and a region still raised when the global incident resolves opens its own then (a partial outage that
    /// outlasts the global one).
    mutating func advanceIncidents(minute: Int64, resolved: inout [Incident], quiet: [ServiceSlug: String] = [:]) {
        let at = Timestamp(seconds: (minute + 1) * 60)
        // Global series first, so a region sees this minute's global incident.
        for index in series.indices where series[index].key.region.isGlobal {
            advanceIncident(seriesAt: index, minute: minute, at: at, resolved: &resolved, quiet: quiet)
        }
        for index in series.indices where !series[index].key.region.isGlobal {
            if series[index].incident == nil, series[index].level == .likely,
                let global = globalIndex[series[index].key.service],
                series[global].incident != nil
            {
                continue
            }
            advanceIncident(seriesAt: index, minute: minute, at: at, resolved: &resolved, quiet: quiet)
        }
    }

    private mutating func advanceIncident(
        seriesAt index: Int, minute: Int64, at: Timestamp, resolved: inout [Incident], quiet: [ServiceSlug: String]
    ) {
        if series[index].incident != nil {
            extendIncident(seriesAt: index, minute: minute, at: at, resolved: &resolved)
        } else if series[index].level == .likely {
            openIncident(seriesAt: index, minute: minute, at: at, expectedReason: quiet[series[index].key.service])
        }
    }

    private mutating func openIncident(seriesAt index: Int, minute: Int64, at: Timestamp, expectedReason: String?) {
        let state = series[index]
        let memory = Int64(SeriesState.memoryMinutes)
        let lookback = Int64(max(1, min(settings.onsetLookbackMinutes, SeriesState.memoryMinutes)))
        var onset = state.cusum > 0 ? state.cusumStart : minute - Int64(SeriesState.windowMinutes) + 1
        onset = max(onset, minute - lookback + 1, minute - Int64(state.history) + 1, state.earliestOnset)
        onset = min(onset, minute)
        var total = 0
        var expectedTotal = 0.0
        for past in onset...minute {
            let slot = Int(past.modulo(memory))
            total += Int(state.memoryCounts[slot])
            expectedTotal += Double(state.memoryExpected[slot])
        }
        // The problem mix of the run-up: the last 15 minutes' counts per problem.
        let problems = (0..<8).map { state.sums[3 + $0] }
        let evidence = IncidentEvidence(
            baseline: state.expected, observed: state.observed, statistic: state.statistic, ratio: state.ratio,
            reporters: state.sums[1], possibleThreshold: settings.possibleStatistic * state.thresholdScale,
            likelyThreshold: state.evidenceThreshold, minimumRatio: settings.minimumRatio,
            minimumReporters: settings.minimumReporters, baselineMature: state.isMature
        )
        let key = state.key
        let adopted =
            key.region.isGlobal
            ? adoptRegionalIncident(of: key.service, since: max(minute - lookback + 1, state.earliestOnset)) : nil
        if let adopted, adopted.onsetMinute < onset {
            // The regional run-up is part of this incident: total it from the global series' memory.
            for past in adopted.onsetMinute..<onset {
                let slot = Int(past.modulo(memory))
                total += Int(state.memoryCounts[slot])
                expectedTotal += Double(state.memoryExpected[slot])
            }
            onset = adopted.onsetMinute
        }
        var tracker = IncidentTracker(
            id: "\(key.service)/\(key.region)/\(compactMinute(onset))", onsetMinute: onset, detectedAt: at,
            peakAt: at, peakReports: Int(state.observed), baselineAtPeak: state.expected, total: total,
            expectedTotal: expectedTotal, problems: problems, regions: key.region.isGlobal ? [] : [key.region],
            evidence: evidence, expectedReason: expectedReason
        )
        if let adopted {
            tracker.id = adopted.id
            tracker.detectedAt = adopted.detectedAt
            tracker.lastEmitted = adopted.lastEmitted
            for region in adopted.regions { tracker.insertRegion(region) }
        }
        if key.region.isGlobal { collectRegions(into: &tracker, service: key.service) }
        series[index].incident = tracker
        if key.region.isGlobal { joinGroup(seriesAt: index) }
    }

    /// Removes and returns the service's earliest-detected open regional incident whose onset is at or after
    /// `since` (the same outage, seen first in one region); nil when there is none.
    private mutating func adoptRegionalIncident(of service: ServiceSlug, since: Int64) -> IncidentTracker? {
        var chosen: Int?
        for regional in regionalIndices[service] ?? [] {
            guard let tracker = series[regional].incident, tracker.onsetMinute >= since else { continue }
            if let best = chosen.flatMap({ series[$0].incident }),
                (best.detectedAt, best.id) <= (tracker.detectedAt, tracker.id)
            {
                continue
            }
            chosen = regional
        }
        guard let chosen, let tracker = series[chosen].incident else { return nil }
        series[chosen].incident = nil
        return tracker
    }

    private mutating func extendIncident(seriesAt index: Int, minute: Int64, at: Timestamp, resolved: inout [Incident])
    {
        guard var tracker = series[index].incident else { return }
        let state = series[index]
        let memorySlot = Int(minute.modulo(Int64(SeriesState.memoryMinutes)))
        let counted = Int(state.memoryCounts[memorySlot])
        let expected = Double(state.memoryExpected[memorySlot])
        let row = Int(minute.modulo(Int64(SeriesState.windowMinutes))) * SeriesState.columns
        if state.level >= .possible {
            tracker.total += tracker.pendingTotal + counted
            tracker.expectedTotal += tracker.pendingExpected + expected
            for problem in 0..<8 {
                tracker.problems[problem] += tracker.pendingProblems[problem] + Int(state.window[row + 3 + problem])
                tracker.pendingProblems[problem] = 0
            }
            tracker.pendingTotal = 0
            tracker.pendingExpected = 0
            tracker.quietMinutes = 0
            if Int(state.observed) > tracker.peakReports {
                tracker.peakReports = Int(state.observed)
                tracker.peakAt = at
                tracker.baselineAtPeak = state.expected
            }
            if state.key.region.isGlobal { collectRegions(into: &tracker, service: state.key.service) }
            series[index].incident = tracker
            return
        }
        tracker.quietMinutes += 1
        tracker.pendingTotal += counted
        tracker.pendingExpected += expected
        for problem in 0..<8 { tracker.pendingProblems[problem] += Int(state.window[row + 3 + problem]) }
        guard tracker.quietMinutes >= max(1, settings.resolveAfterMinutes) else {
            series[index].incident = tracker
            return
        }
        // Resolved: it ended where the quiet stretch began; the quiet minutes are not part of it.
        let endMinute = minute + 1 - Int64(tracker.quietMinutes)
        let endedAt = Timestamp(seconds: endMinute * 60)
        let incident = makeIncident(tracker, seriesAt: index, endedAt: endedAt)
        resolved.append(incident)
        series[index].incident = nil
        series[index].earliestOnset = endMinute
        if state.key.region.isGlobal {
            let member = GroupMember(
                incidentId: tracker.id, service: state.key.service, startedAt: incident.startedAt, endedAt: endedAt,
                relativeExcess: tracker.peakRatio
            )
            memberResolved(member, minute: minute)
        }
    }

    /// Adds the service's regions that are above their own baseline now.
    private func collectRegions(into tracker: inout IncidentTracker, service: ServiceSlug) {
        for regional in regionalIndices[service] ?? [] where series[regional].isAboveBaseline {
            tracker.insertRegion(series[regional].key.region)
        }
    }

    /// The public form of an incident.
    func makeIncident(_ tracker: IncidentTracker, seriesAt index: Int, endedAt: Timestamp?) -> Incident {
        let key = series[index].key
        let problemTotal = tracker.problems.reduce(0, +)
        var shares: [ProblemShare] = []
        var mixShift = 0.0
        if problemTotal > 0 {
            let mix = tracker.problems.map { Double($0) / Double(problemTotal) }
            let usual = globalIndex[key.service].map { series[$0].usualMix } ?? series[index].usualMix
            if usual.contains(where: { $0 > 0 }) {
                mixShift = 0.5 * zip(mix, usual).reduce(0) { $0 + abs($1.0 - $1.1) }
            }
            shares = ProblemKind.allCases.compactMap { kind in
                mix[kind.index] > 0 ? ProblemShare(problem: kind, share: mix[kind.index]) : nil
            }
            .sorted { $0.share != $1.share ? $0.share > $1.share : $0.problem < $1.problem }
            shares = Array(shares.prefix(max(0, settings.topProblemCount)))
        }
        let scope: IncidentScope
        if !key.region.isGlobal {
            scope = .regional
        } else {
            switch tracker.regions.count {
            case 1: scope = .regional
            case 2...max(2, settings.multiRegionMaximum): scope = .multiRegion
            default: scope = .global
            }
        }
        let startedAt = Timestamp(seconds: tracker.onsetMinute * 60)
        let name = services[key.service]?.name ?? key.service.rawValue
        let summary = IncidentSummary.sentence(
            name: name, region: key.region, regions: tracker.regions, topProblem: shares.first,
            startedAt: startedAt, endedAt: endedAt, ratio: tracker.peakRatio, expectedReason: tracker.expectedReason
        )
        var incident = Incident(
            id: tracker.id, service: key.service, region: key.region, status: endedAt == nil ? .open : .resolved,
            level: .likely, detectedAt: tracker.detectedAt, startedAt: startedAt, peakAt: tracker.peakAt,
            endedAt: endedAt, peakReports: tracker.peakReports, baselineReports: tracker.baselineAtPeak,
            totalReports: tracker.total,
            excessReports: max(0, Int((Double(tracker.total) - tracker.expectedTotal).rounded())),
            scope: scope, regions: tracker.regions, topProblems: shares, problemMixShift: mixShift, summary: summary,
            evidence: tracker.evidence
        )
        if let reason = tracker.expectedReason {
            incident.expected = true
            incident.expectedReason = reason
        }
        return incident
    }

    /// Every incident and group event that changed during the tick, in its new state.
    mutating func collectChanges(resolved: [Incident], now: Int64) -> TickOutcome {
        var incidents = resolved
        for index in series.indices {
            guard var tracker = series[index].incident else { continue }
            let incident = makeIncident(tracker, seriesAt: index, endedAt: nil)
            if incident != tracker.lastEmitted {
                incidents.append(incident)
                tracker.lastEmitted = incident
                series[index].incident = tracker
            }
        }
        incidents.sort { $0.id < $1.id }
        var events: [GroupEvent] = []
        for index in groups.indices {
            refreshMembers(of: index)
            let event = makeGroupEvent(groups[index])
            if event != groups[index].lastEmitted {
                events.append(event)
                groups[index].lastEmitted = event
            }
        }
        // Forget resolved group events after a day.
        groups.removeAll { tracker in
            guard let endedAt = tracker.endedAt else { return false }
            return endedAt.epochMinute < now - 1440
        }
        events.sort { $0.id < $1.id }
        return TickOutcome(changedIncidents: incidents, changedGroupEvents: events)
    }
}

/// `20240305T1531Z` for an epoch minute (`Timestamp.iso8601BasicMinute` in OutcryModel).
func compactMinute(_ minute: Int64) -> String {
    Timestamp(seconds: 0).adding(minutes: minute).iso8601BasicMinute
}
