/// What a RÉFLEX-ISS session says, stage by stage, and how it moved since the previous session.
///
/// Rules: a stage's mean is the mean of its *rated* elements (an element left unrated counts
/// neither as 0 nor in the mean); a stage with no rated element has no mean. The change of a
/// stage or element is the difference with the previous session, when both have a value.
public struct ReflexISSSummary: Sendable, Equatable {
    public struct StageLine: Sendable, Equatable {
        public let stage: ReflexISSGrid.Stage
        public let mean: Double?
        public let ratedCount: Int
        public let elementCount: Int
        public let change: Double?
    }

    public let stages: [StageLine]
    /// The mean over every rated element of the grid.
    public let overallMean: Double?

    /// `scores` by element code (unknown codes and scores outside 0…4 are ignored);
    /// `previous` the scores of the session before, if any.
    public init(scores: [String: Int], previous: [String: Int]? = nil) {
        func valid(_ scores: [String: Int]) -> [String: Int] {
            scores.filter { ReflexISSGrid.element($0.key) != nil && (0...4).contains($0.value) }
        }
        let current = valid(scores)
        let before = previous.map(valid)
        func mean(_ values: [Int]) -> Double? { values.isEmpty ? nil : Double(values.reduce(0, +)) / Double(values.count) }
        stages = ReflexISSGrid.Stage.allCases.map { stage in
            let codes = ReflexISSGrid.elements(of: stage).map(\.code)
            let now = mean(codes.compactMap { current[$0] })
            let then = before.flatMap { before in mean(codes.compactMap { before[$0] }) }
            return StageLine(stage: stage, mean: now, ratedCount: codes.filter { current[$0] != nil }.count,
                             elementCount: codes.count, change: now.flatMap { now in then.map { now - $0 } })
        }
        overallMean = mean(Array(current.values))
    }

    /// The change of one element since the previous session, when both sessions rated it.
    public static func change(of code: String, scores: [String: Int], previous: [String: Int]?) -> Int? {
        guard let now = scores[code], let then = previous?[code] else { return nil }
        return now - then
    }
}
