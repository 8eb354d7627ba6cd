import OutcryEngine
package import OutcryModel

/// A shields.io-style status badge: a grey label (the service's name) beside a coloured message.
///
/// The drawing is deterministic: widths come from a fixed table of Verdana 11 px advances (in tenths of a
/// pixel) rather than from a font on the server, and `textLength` makes every renderer fit the text into
/// that width. Text is operator input: control and bidirectional-override characters are dropped, the label
/// is shortened to ``maximumLabelCharacters``, and both texts are XML-escaped.
package enum BadgeSVG {
    /// Longer service names end in `…`.
    package static let maximumLabelCharacters = 40
    /// Space on each side of a text, in pixels.
    package static let padding = 5

    /// The colours shields.io uses for red, orange, green and grey.
    package enum Color: String {
        case red = "#e05d44"
        case orange = "#fe7d37"
        case green = "#44cc11"
        case grey = "#9f9f9f"
    }

    /// The message and colour of a level: the crowd's view, never an official statement.
    package static func message(for level: AlertLevel) -> (text: String, color: Color) {
        switch level {
        case .likely: ("likely outage (unofficial)", .red)
        case .possible: ("possible problems", .orange)
        case .normal: ("no problems reported", .green)
        }
    }

    /// The badge as an SVG document.
    package static func render(label rawLabel: String, message: String, color: Color, style: BadgeStyle) -> String {
        let label = displayLabel(rawLabel)
        let labelText = textWidthTenths(label)
        let messageText = textWidthTenths(message)
        let labelWidth = pixels(labelText) + 2 * padding
        let messageWidth = pixels(messageText) + 2 * padding
        let width = labelWidth + messageWidth
        // Text centres in tenths of a pixel, so odd widths stay exact.
        let labelCentre = labelWidth * 5
        let messageCentre = labelWidth * 10 + messageWidth * 5
        let escapedLabel = label.xmlEscaped
        let escapedMessage = message.xmlEscaped
        let title = "\(escapedLabel): \(escapedMessage)"

        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(width)" height="20" role="img" "##
        svg += ##"aria-label="\##(title)">"##
        svg += "<title>\(title)</title>"
        switch style {
        case .flat:
            svg += ##"<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>"##
            svg += ##"<stop offset="1" stop-opacity=".1"/></linearGradient>"##
            svg += ##"<clipPath id="r"><rect width="\##(width)" height="20" rx="3" fill="#fff"/></clipPath>"##
            svg += ##"<g clip-path="url(#r)"><rect width="\##(labelWidth)" height="20" fill="#555"/>"##
            svg += ##"<rect x="\##(labelWidth)" width="\##(messageWidth)" height="20" fill="\##(color.rawValue)"/>"##
            svg += ##"<rect width="\##(width)" height="20" fill="url(#s)"/></g>"##
        case .plain:
            svg += ##"<g><rect width="\##(labelWidth)" height="20" fill="#555"/>"##
            svg +=
                ##"<rect x="\##(labelWidth)" width="\##(messageWidth)" height="20" fill="\##(color.rawValue)"/></g>"##
        }
        svg += ##"<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" "##
        svg += ##"text-rendering="geometricPrecision" font-size="110">"##
        let texts = [(labelCentre, labelText, escapedLabel), (messageCentre, messageText, escapedMessage)]
        for (centre, length, text) in texts {
            if style == .flat {
                svg += ##"<text aria-hidden="true" x="\##(centre)" y="150" fill="#010101" fill-opacity=".3" "##
                svg +=
                    ##"transform="scale(.1)" textLength="\##(length)" lengthAdjust="spacingAndGlyphs">\##(text)</text>"##
            }
            svg += ##"<text x="\##(centre)" y="140" transform="scale(.1)" textLength="\##(length)" "##
            svg += ##"lengthAdjust="spacingAndGlyphs">\##(text)</text>"##
        }
        svg += "</g></svg>"
        return svg
    }

    /// The label as drawn: control and bidi-override characters gone, runs of spaces collapsed, at most
    /// ``maximumLabelCharacters`` characters; "outcry" when nothing is left.
    package static func displayLabel(_ text: String) -> String {
        let words = TerminalText.sanitized(text).split(separator: " ", omittingEmptySubsequences: true)
        let whole = words.joined(separator: " ")
        if whole.isEmpty { return "outcry" }
        if whole.unicodeScalars.count <= maximumLabelScalars, whole.count <= maximumLabelCharacters { return whole }
        // Characters while they fit, counted also in scalars (a character may carry many combining marks).
        var label = ""
        var characters = 0
        var scalars = 0
        for character in whole {
            let count = character.unicodeScalars.count
            guard characters < maximumLabelCharacters - 1, scalars + count < maximumLabelScalars else { break }
            label.append(character)
            characters += 1
            scalars += count
        }
        return label.trimmingTrailingSpaces() + "…"
    }

    /// The most Unicode scalars a label keeps.
    package static let maximumLabelScalars = 160

    /// Whole pixels covering a width in tenths.
    package static func pixels(_ tenths: Int) -> Int { (tenths + 9) / 10 }

    /// The width of `text` at Verdana 11 px, in tenths of a pixel, from ``advanceTenths(_:)``.
    package static func textWidthTenths(_ text: String) -> Int {
        // At most a few hundred scalars of at most 110 tenths each: no overflow.
        text.unicodeScalars.reduce(0) { $0 + advanceTenths($1) }
    }

    /// One character's advance in tenths of a pixel: a table for printable ASCII, wide for East Asian and
    /// emoji characters, nothing for combining marks, and an average for everything else.
    package static func advanceTenths(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return asciiAdvances[Int(value - 0x20)] }
        switch value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
            return 110
        default: return 70
        }
    }

    /// Verdana 11 px advances of U+0020 (space) to U+007E (`~`), in tenths of a pixel.
    package static let asciiAdvances: [Int] = [
        39, 43, 51, 90, 70, 118, 80, 30, 50, 50, 70, 90, 40, 50, 40, 50,  // space ! " # $ % & ' ( ) * + , - . /
        70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 50, 50, 90, 90, 90, 60,  // 0–9 : ; < = > ?
        110, 75, 75, 77, 85, 70, 63, 85, 83, 46, 50, 76, 61, 93, 82, 87,  // @ A–O
        66, 87, 77, 75, 68, 81, 75, 109, 75, 68, 75, 50, 50, 50, 90, 70,  // P–Z [ \ ] ^ _
        70, 66, 68, 57, 68, 66, 39, 68, 70, 30, 38, 65, 30, 107, 70, 67,  // ` a–o
        68, 68, 47, 57, 43, 70, 65, 90, 65, 65, 58, 70, 50, 70, 90,  // p–z { | } ~
    ]
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
