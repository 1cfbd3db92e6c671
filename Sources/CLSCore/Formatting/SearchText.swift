import Foundation

/// Text folded for searching: lower case, without accents or ligatures, spaces collapsed,
/// so that "BELLE-ÎLE" finds "Belle-Île" and "oeuvre" finds "œuvre" on both engines.
public enum SearchText {
    public static func fold(_ text: String) -> String {
        let folded = text
            .replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "ae")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "fr_FR"))
            .lowercased()
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
