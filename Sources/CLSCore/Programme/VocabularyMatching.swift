import Foundation

/// A term of a controlled vocabulary: a stable ASCII code stored in the database, the French
/// label a user reads, and other spellings accepted when importing a spreadsheet.
public protocol VocabularyTerm: Sendable {
    /// Stable identifier stored in the database. Never renamed.
    var code: String { get }
    /// What a user reads.
    var label: String { get }
    /// Other spellings recognised by `match` (synonyms, feminine or plural forms).
    var variants: [String] { get }
}

extension VocabularyTerm {
    public var variants: [String] { [] }
}

/// A closed vocabulary written as a `String` enum whose raw values are the stable codes.
public protocol CodedVocabulary: VocabularyTerm, CaseIterable, RawRepresentable
where RawValue == String, AllCases == [Self] {}

extension CodedVocabulary {
    public var code: String { rawValue }

    /// The term a user's text designates, ignoring case, accents, punctuation and extra spaces:
    /// its code, its label or one of its variants. `nil` when unknown or ambiguous.
    public static func match(_ text: String) -> Self? {
        VocabularyMatching.match(text, in: allCases)
    }
}

/// Tolerant matching of typed or imported text against a vocabulary.
public enum VocabularyMatching {
    /// The comparison key of a text: `SearchText.fold` (lower case, no accents, no ligatures,
    /// spaces collapsed), with punctuation (`_`, `-`, apostrophes, brackets, slashes, quotes…)
    /// read as a space. So "À venir", "a_venir", " A  VENIR " and "à-venir" all give "a venir".
    /// Symbols such as "€" or "+" are kept.
    public static func fold(_ text: String) -> String {
        let folded = SearchText.fold(text)
        var scalars = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars {
            if CharacterSet.punctuationCharacters.contains(scalar) || CharacterSet.whitespacesAndNewlines.contains(scalar) {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).split(separator: " ").joined(separator: " ")
    }

    /// The term of `terms` whose code, label or a variant folds to the same key as `text`.
    /// `nil` when the text is empty, unknown, or designates two different terms.
    /// To match many texts (an import), build a `VocabularyMatcher` once instead.
    public static func match<Term: VocabularyTerm>(_ text: String, in terms: [Term]) -> Term? {
        VocabularyMatcher(terms).match(text)
    }

    /// Every comparison key of a term (code, label, variants), without empty keys.
    public static func keys<Term: VocabularyTerm>(of term: Term) -> Set<String> {
        Set(([term.code, term.label] + term.variants).map(fold).filter { !$0.isEmpty })
    }

    /// A stable ASCII code made from a label, for a vocabulary a region extends:
    /// "Parcours des personnes âgées" → "parcours_des_personnes_agees".
    public static func code(from label: String) -> String {
        let key = fold(label)
        let kept = key.unicodeScalars.map { scalar -> Character in
            (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) ? Character(scalar) : " "
        }
        return String(kept).split(separator: " ").joined(separator: "_")
    }

    /// Whether a text is a well-formed vocabulary code: lower-case ASCII letters, digits and
    /// single underscores, starting with a letter.
    public static func isWellFormedCode(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, ("a"..."z").contains(first),
              !code.hasSuffix("_"), !code.contains("__") else { return false }
        return code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// A vocabulary's comparison keys computed once, to match the many cells of an imported
/// spreadsheet quickly: `let statuses = VocabularyMatcher(ActionStatus.allCases)`.
public struct VocabularyMatcher<Term: VocabularyTerm>: Sendable {
    private let termsByKey: [String: Term]
    private let ambiguousKeys: Set<String>

    public init(_ terms: [Term]) {
        var byKey: [String: Term] = [:]
        var ambiguous: Set<String> = []
        for term in terms {
            for key in VocabularyMatching.keys(of: term) {
                if let other = byKey[key], other.code != term.code { ambiguous.insert(key) }
                byKey[key] = term
            }
        }
        self.termsByKey = byKey
        self.ambiguousKeys = ambiguous
    }

    /// The term a text designates, `nil` when empty, unknown or ambiguous.
    public func match(_ text: String) -> Term? {
        let key = VocabularyMatching.fold(text)
        guard !key.isEmpty, !ambiguousKeys.contains(key) else { return nil }
        return termsByKey[key]
    }
}
