import Foundation

/// Sheet names as Excel accepts them: at most 31 characters, none of `[ ] : * ? / \`, not
/// starting or ending with an apostrophe, not "History" (reserved), unique ignoring case.
enum SheetNames {
    static let maxLength = 31

    /// One valid name: forbidden characters become "-", controls are dropped, long names cut.
    static func sanitized(_ name: String, position: Int) -> String {
        var cleaned = ""
        for character in name {
            if "[]:*?/\\".contains(character) {
                cleaned.append("-")
            } else if character.unicodeScalars.allSatisfy({ XMLText.isAllowedInXML($0) && $0.value >= 0x20 }) {
                cleaned.append(character)
            }
        }
        cleaned = cleaned.trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines))
        if cleaned.lowercased() == "history" { cleaned += " 1" }
        if cleaned.isEmpty { cleaned = "Feuille \(position + 1)" }
        return truncated(cleaned, to: maxLength)
    }

    /// Valid and unique names, in order: a repeated name gets " (2)", " (3)"…
    static func resolved(_ names: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (position, name) in names.enumerated() {
            let base = sanitized(name, position: position)
            var candidate = base
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(counter))"
                candidate = truncated(base, to: maxLength - suffix.utf16.count) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// Excel counts UTF-16 code units; cut on a character boundary.
    static func truncated(_ text: String, to length: Int) -> String {
        XMLText.prefix(text, utf16Length: length).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
    }

    /// A sheet name inside a formula: always quoted, apostrophes doubled.
    static func quotedForFormula(_ name: String) -> String {
        "'" + name.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
