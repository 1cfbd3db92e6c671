/// What a user typed in a search box, reduced to the stems to look for: folded (case, accents,
/// ligatures), split on anything that is not a letter or a digit, French stop words dropped,
/// each word stemmed by `FrenchStemmer` and matched as a prefix. The same terms drive SQLite
/// FTS5 (`ftsMatch`) and PostgreSQL (`tsQuery`), so both engines find the same rows.
public struct FullTextQuery: Sendable, Equatable {
    /// At most this many terms are kept (the first ones typed).
    public static let maximumTerms = 12

    /// The stems, in the order typed, without duplicates.
    public let terms: [String]

    public init(_ text: String) {
        var seen = Set<String>()
        var terms: [String] = []
        let words = SearchText.fold(text).split { !($0.isLetter || $0.isNumber) || !$0.isASCII }
        for word in words {
            let word = String(word)
            guard !Self.stopWords.contains(word), word.count > 1 || word.first?.isNumber == true else { continue }
            let stem = FrenchStemmer.stem(word)
            if seen.insert(stem).inserted { terms.append(stem) }
            if terms.count == Self.maximumTerms { break }
        }
        self.terms = terms
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The FTS5 MATCH expression: every term as a quoted prefix, joined by AND (or OR).
    /// Terms hold only ASCII letters and digits, so quoting cannot be escaped.
    public func ftsMatch(requiringAll: Bool = true) -> String {
        terms.map { "\"\($0)\"*" }.joined(separator: requiringAll ? " AND " : " OR ")
    }

    /// The PostgreSQL `to_tsquery('simple', …)` text: every term as a prefix, joined by & (or |).
    public func tsQuery(requiringAll: Bool = true) -> String {
        terms.map { "\($0):*" }.joined(separator: requiringAll ? " & " : " | ")
    }

    /// Words too common to search for (folded).
    static let stopWords: Set<String> = [
        "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "elle", "en", "et",
        "il", "ils", "j", "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me",
        "mes", "n", "ne", "ni", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
        "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "ta", "te", "tes", "ton", "un",
        "une", "vos", "votre", "vous", "y",
    ]
}
