/// Which entry path a report came through.
package enum ReportSource: String, CaseIterable, Codable, Sendable, Hashable {
    case cli
    case `import`
    case http
}
