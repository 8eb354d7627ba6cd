/// Why a windows file (`outcry evaluate --windows FILE`) was refused: where, and what is allowed.
package struct WindowFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    package var path: String
    /// Where in the file, as a JSON path such as `whatsapp[2].end`; nil for the file as a whole.
    package var location: String?
    package var reason: String

    package init(path: String, location: String? = nil, reason: String) {
        self.path = path
        self.location = location
        self.reason = reason
    }

    package var description: String {
        "windows file \(path)" + (location.map { ", \($0)" } ?? "") + ": " + reason
    }
}
