/// Where an ``ExportOutput`` hands its bytes, chunk by chunk: a file, standard output, or a test's buffer.
///
/// Chunks are UTF-8 and always end between two of the renderers' writes, so never inside a character: a sink
/// may decode each chunk as text on its own.
package protocol ExportSink: AnyObject {
    /// Takes the next chunk of the export, in order.
    func write(_ chunk: UnsafeBufferPointer<UInt8>) throws
}
