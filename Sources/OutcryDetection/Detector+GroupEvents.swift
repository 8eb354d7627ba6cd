import OutcryModel

extension Detector {
    /// Links a newly opened global incident with overlapping global incidents of services in the same group.
    mutating func joinGroup(seriesAt index: Int) {
        guard let tracker = series[index].incident else { return }
        let service = series[index].key.service
        guard let group = services[service]?.group else { return }
        let member = GroupMember(
            incidentId: tracker.id, service: service, startedAt: Timestamp(seconds: tracker.onsetMinute * 60),
            endedAt: nil, relativeExcess: tracker.peakRatio
        )
        // Overlapping: another service of the group with an open global incident, or one that ended after
        // this one began.
        var others: [GroupMember] = []
        for (slug, other) in globalIndex.sorted(by: { $0.key < $1.key }) where slug != service {
            guard services[slug]?.group == group, let open = series[other].incident else { continue }
            others.append(
                GroupMember(
                    incidentId: open.id, service: slug, startedAt: Timestamp(seconds: open.onsetMinute * 60),
                    endedAt: nil, relativeExcess: open.peakRatio
                ))
        }
        for past in recentGlobal where past.service != service && services[past.service]?.group == group {
            if let endedAt = past.endedAt, endedAt >= member.startedAt,
                !others.contains(where: { $0.service == past.service })
            {
                others.append(past)
            }
        }
        if let existing = groups.lastIndex(where: { tracker in
            tracker.group == group && (tracker.endedAt.map { $0 >= member.startedAt } ?? true)
        }) {
            for candidate in [member] + others
            where !groups[existing].members.contains(where: { $0.incidentId == candidate.incidentId }) {
                groups[existing].members.append(candidate)
            }
            return
        }
        guard !others.isEmpty else { return }
        let members = [member] + others
        let onset = members.map(\.startedAt).min() ?? member.startedAt
        groups.append(GroupTracker(id: "\(group)/\(compactMinute(onset.epochMinute))", group: group, members: members))
    }

    /// Records that a global incident resolved, for its group event and for later overlaps.
    mutating func memberResolved(_ member: GroupMember, minute: Int64) {
        for index in groups.indices {
            if let position = groups[index].members.firstIndex(where: { $0.incidentId == member.incidentId }) {
                groups[index].members[position] = member
            }
        }
        recentGlobal.removeAll { ($0.endedAt?.epochMinute ?? minute) < minute - 1440 }
        recentGlobal.append(member)
    }

    /// Refreshes the open members' relative excess from their live incidents.
    mutating func refreshMembers(of index: Int) {
        for position in groups[index].members.indices where groups[index].members[position].endedAt == nil {
            let member = groups[index].members[position]
            if let seriesIndex = globalIndex[member.service], let open = series[seriesIndex].incident,
                open.id == member.incidentId
            {
                groups[index].members[position].relativeExcess = open.peakRatio
            }
        }
    }

    func makeGroupEvent(_ tracker: GroupTracker) -> GroupEvent {
        let ranked = tracker.members.sorted { lhs, rhs in
            if lhs.startedAt != rhs.startedAt { return lhs.startedAt < rhs.startedAt }
            if lhs.relativeExcess != rhs.relativeExcess { return lhs.relativeExcess > rhs.relativeExcess }
            return lhs.service < rhs.service
        }
        let epicentre = ranked.first?.service ?? tracker.members[0].service
        let slugs = Array(Set(tracker.members.map(\.service))).sorted()
        let startedAt = tracker.members.map(\.startedAt).min() ?? Timestamp(seconds: 0)
        let endedAt = tracker.endedAt
        let names = slugs.map { services[$0]?.name ?? $0.rawValue }
        let summary = IncidentSummary.groupSentence(
            names: names, group: tracker.group, epicentre: services[epicentre]?.name ?? epicentre.rawValue,
            startedAt: startedAt, endedAt: endedAt
        )
        return GroupEvent(
            id: tracker.id, group: tracker.group, status: endedAt == nil ? .open : .resolved, startedAt: startedAt,
            endedAt: endedAt, epicentre: epicentre, collateral: slugs.filter { $0 != epicentre }, services: slugs,
            incidentIds: tracker.members.map(\.incidentId).sorted(), summary: summary
        )
    }
}
