/// A light French stemmer for full-text search: it cuts plural marks and the common derivational
/// endings of a folded word (lower case, no accents, see `SearchText.fold`) so that the stem is a
/// prefix of the word's usual forms: "vaccinations" → "vaccin",
/// "alimentaire" → "aliment", "depistages" → "depist". The plural mark goes first, then one
/// derivational ending, so every form of a word gets the same stem ("atelier", "ateliers" → "ateli").
///
/// The search matches stems as prefixes, so the stemmer errs on the side of cutting too little:
/// a stem keeps at least `minimumStem` letters, and words shorter than that stay whole.
/// The same stems are used by SQLite FTS5 and PostgreSQL, so both engines find the same actions.
public enum FrenchStemmer {
    /// The shortest stem kept: below it, an ending is not removed.
    public static let minimumStem = 4

    /// Derivational endings, longest first; after the plural mark is cut, the first one the word
    /// ends with (leaving at least `minimumStem` letters) is removed.
    static let endings: [String] = [
        "issement", "atrice", "ateur", "ation", "ement", "ance", "ence", "ique", "isme", "iste",
        "able", "aire", "euse", "ite", "ive", "age", "eux", "if", "er", "ez", "ee", "e",
    ]

    public static func stem(_ word: String) -> String {
        var word = word
        if word.count > minimumStem + 1, word.hasSuffix("aux") {
            word = String(word.dropLast(3)) + "al"
        } else if word.count > minimumStem, word.hasSuffix("s") || word.hasSuffix("x") {
            word = String(word.dropLast())
        }
        for ending in endings where word.hasSuffix(ending) && word.count - ending.count >= minimumStem {
            return String(word.dropLast(ending.count))
        }
        return word
    }
}
