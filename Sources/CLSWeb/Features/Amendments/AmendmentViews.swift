import CLSCore

/// What an amendment changes, grouped by subject as its article 2 lists them.
struct ChangeGroupView: Encodable {
    struct Change: Encodable {
        let kind: String
        let sentence: String
        let details: [String]
    }
    let heading: String
    let changes: [Change]

    static func groups(_ changes: [AmendmentChange]) -> [ChangeGroupView] {
        Dictionary(grouping: changes, by: \.subject).sorted { $0.key < $1.key }.map { subject, changes in
            ChangeGroupView(heading: subject.heading,
                            changes: changes.map { Change(kind: $0.kind.label, sentence: $0.sentence, details: $0.details) })
        }
    }
}
