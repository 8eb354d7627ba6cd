import Foundation
import Logging
import OutcryDetection
import OutcryModel
import OutcryStore

/// A throwaway copy of the database for `outcry evaluate`: made with SQLite's `VACUUM INTO` into a 0600 file in a
/// fresh 0700 folder, replayed into, then removed with its folder.
final class ScratchCopy {
    private let folder: String
    private let engine: Engine
    private var isRemoved = false

    /// Copies `live`'s database into a new folder under `parent` (default: the system's temporary folder).
    init(of live: Engine, in parent: String?) throws(EngineError) {
        let base = parent ?? FileManager.default.temporaryDirectory.path
        let folder = (base as NSString).appendingPathComponent("outcry-evaluate-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw .invalidArgument(
                "cannot create a scratch folder for the replay in \(base): \(error.localizedDescription)")
        }
        let path = (folder as NSString).appendingPathComponent("evaluate.sqlite")
        do {
            try live.store { try $0.copy(to: path) }
            engine = try Engine(path: path, clock: live.clock, logger: live.logger)
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        self.folder = folder
        live.logger.debug("evaluation replays into a scratch copy", metadata: ["scratch.folder": "\(folder)"])
    }

    deinit { remove() }

    /// What the replay found and the services as its detector saw them.
    struct Replay {
        var services: [MonitoredService]
        /// Incidents detected in `[from, to]`.
        var incidents: [Incident]
    }

    /// Forgets the copy's incidents and detector state, applies `sensitivity` to every service when given, and
    /// replays `[from, to]` with the code `outcry detect --from --to` runs.
    func replay(from: Timestamp, to: Timestamp, sensitivity: Sensitivity?, settings: DetectorSettings)
        throws(EngineError)
        -> Replay
    {
        try engine.store { database in
            try database.inTransaction {
                try database.clearDetectorState()
                try database.deleteDetections(detectedFrom: .distantPast, to: .distantFuture)
                if let sensitivity { _ = try database.setSensitivity(sensitivity, of: nil) }
            }
        }
        let services = try engine.store { try $0.services() }
        try engine.replay(from: from, to: to, settings: settings)
        let incidents = try engine.store { try $0.incidents(IncidentQuery(since: from, until: to)) }
        return Replay(services: services, incidents: incidents.filter { $0.detectedAt >= from && $0.detectedAt <= to })
    }

    /// Closes the copy and deletes its folder (idempotent).
    func remove() {
        guard !isRemoved else { return }
        isRemoved = true
        engine.close()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
