extension String {
    /// `&`, `<` and `>` escaped as `&amp;`, `&lt;` and `&gt;`: the three characters that Slack's mrkdwn and
    /// Google Chat's card text read as markup, so a service name cannot smuggle in a link or a mention and shows
    /// as written.
    var markupEscaped: String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
