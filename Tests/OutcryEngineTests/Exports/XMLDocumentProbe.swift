import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses a document with Foundation's `XMLParser` and records its elements and text, for SVG and XHTML checks.
final class XMLDocumentProbe: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var depth: Int
    }

    private(set) var elements: [Element] = []
    private(set) var text = ""
    private(set) var error: (any Error)?
    private var depth = 0

    /// Parses `document`; `error` is set when it is not well-formed.
    init(_ document: String) {
        super.init()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    var root: Element? { elements.first }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: elementName, attributes: attributes, depth: depth))
        depth += 1
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) { error = parseError }
}
