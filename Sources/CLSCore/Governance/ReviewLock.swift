/// The guard on the values of an approved year (indicator actual values, actual spending): once the
/// COPIL has approved a year's review, nothing of that year changes until the ARS unlocks it
/// (`ReviewTransition.unlock`, audited with its reason).
public enum ReviewLock {
    /// The refusal for a change to a value of `year`, nil when the year is not locked.
    public static func check(year: Int, lockedYears: Set<Int>) -> ReviewRefusal? {
        guard lockedYears.contains(year) else { return nil }
        return .invalid(message(year: year))
    }

    /// The years whose review is approved, from each year's review state.
    public static func lockedYears(_ statesByYear: [Int: ReviewState]) -> Set<Int> {
        Set(statesByYear.filter { ReviewWorkflow.isLocked(state: $0.value) }.keys)
    }

    /// "L'année 2025 est approuvée et verrouillée : …" (the year is written without a thousands separator).
    public static func message(year: Int) -> String {
        "L'année \(year) est approuvée et verrouillée : une modification demande un déverrouillage motivé par l'ARS."
    }
}
