#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file or standard input in fixed-size chunks with read(2): memory stays flat however large the input.
final class FileByteReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    /// The size of a regular file; nil for pipes and terminals.
    let size: Int?

    init(source: ImportSource, chunkSize: Int = 1 << 20) throws(EngineError) {
        switch source {
        case .standardInput:
            descriptor = 0
            ownsDescriptor = false
        case .file(let path):
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else {
                throw .cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            descriptor = opened
            ownsDescriptor = true
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            size = Int(info.st_size)
        } else if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            if ownsDescriptor { close(descriptor) }
            throw .cannotRead(path: source.displayName, reason: "it is a folder, not a file")
        } else {
            size = nil
        }
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Calls `body` with each chunk until the end of the input.
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw EngineError.cannotRead(path: "input", reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
