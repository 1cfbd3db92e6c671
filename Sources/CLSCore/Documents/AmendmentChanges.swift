/// What an amendment (*avenant*) changes in the contract, in words (DOMAIN.md §3 step 9): the
/// axes and fiches actions added, changed or removed, the signatories, the perimeter and the
/// duration. It is the difference between the contract as last signed and as it stands, folded
/// from the audit trail's events since that signature (`fold`), so it names what really changed
/// and nothing else: an action added then removed leaves no trace, a field set back to its value
/// neither.
public struct AmendmentChange: Codable, Equatable, Sendable {
    /// What part of the contract changed, in the order an amendment lists them.
    public enum Subject: String, Codable, CaseIterable, Comparable, Sendable {
        case signatory, perimeter, duration, section, action

        public var heading: String {
            switch self {
            case .signatory: "Signataires"
            case .perimeter: "Périmètre"
            case .duration: "Durée et dates"
            case .section: "Axes et objectifs"
            case .action: "Fiches actions"
            }
        }

        public static func < (lhs: Subject, rhs: Subject) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public enum Kind: String, Codable, Sendable {
        case added, changed, removed

        public var label: String {
            switch self {
            case .added: "Ajout"
            case .changed: "Modification"
            case .removed: "Retrait"
            }
        }
    }

    public let subject: Subject
    public let kind: Kind
    /// What changed, by name ("Maison de santé pluriprofessionnelle", "Commune de Palais").
    public let name: String
    /// For a change, one line per field: "Statut : En cours → Réalisée".
    public let details: [String]

    public init(subject: Subject, kind: Kind, name: String, details: [String] = []) {
        self.subject = subject
        self.kind = kind
        self.name = name
        self.details = details
    }

    /// "Ajout de la fiche action « Maison de santé »", the sentence an amendment's article says.
    public var sentence: String {
        let what: String
        switch subject {
        case .signatory: what = "du signataire"
        case .perimeter: what = "du périmètre"
        case .duration: what = "de la durée du contrat"
        case .section: what = "de l'axe ou objectif"
        case .action: what = "de la fiche action"
        }
        let verb: String
        switch kind {
        case .added: verb = "Ajout"
        case .changed: verb = "Modification"
        case .removed: verb = "Retrait"
        }
        return name.isEmpty ? "\(verb) \(what)" : "\(verb) \(what) « \(name) »"
    }
}

/// One audited change of an object of the contract, as the fold reads it.
public struct AmendmentEvent: Sendable {
    public enum Action: Sendable { case create, update, delete }

    public struct Field: Sendable, Equatable {
        public let code: String
        public let label: String
        public let old: String?
        public let new: String?
        public init(code: String, label: String, old: String?, new: String?) {
            self.code = code
            self.label = label
            self.old = old
            self.new = new
        }
    }

    public let subject: AmendmentChange.Subject
    /// The object's identity, to follow it from its creation to its removal.
    public let objectId: String
    public let name: String
    public let action: Action
    public let fields: [Field]

    public init(subject: AmendmentChange.Subject, objectId: String, name: String, action: Action, fields: [Field]) {
        self.subject = subject
        self.objectId = objectId
        self.name = name
        self.action = action
        self.fields = fields
    }
}

public enum AmendmentChanges {
    /// The longest value a detail line quotes; longer texts are cut with an ellipsis.
    static let quotedLength = 160

    /// Folds events, oldest first, into one change per object: created (and still there) is an
    /// addition, removed (and not created since) a removal, else the fields whose last value
    /// differs from their first, if any.
    public static func fold(_ events: [AmendmentEvent]) -> [AmendmentChange] {
        struct Track {
            var subject: AmendmentChange.Subject
            var name: String
            var created = false
            var deleted = false
            var fieldOrder: [String] = []
            var firstOld: [String: String?] = [:]
            var lastNew: [String: String?] = [:]
            var labels: [String: String] = [:]
        }
        var order: [String] = []
        var tracks: [String: Track] = [:]
        for event in events {
            let key = event.subject.rawValue + "/" + event.objectId
            var track = tracks[key] ?? { order.append(key); return Track(subject: event.subject, name: event.name) }()
            if !event.name.isEmpty { track.name = event.name }
            switch event.action {
            case .create:
                if track.deleted { track.deleted = false } else { track.created = true }
            case .delete:
                track.deleted = true
            case .update:
                break
            }
            for field in event.fields {
                if track.firstOld[field.code] == nil {
                    track.firstOld[field.code] = .some(field.old)
                    track.fieldOrder.append(field.code)
                }
                track.lastNew[field.code] = .some(field.new)
                track.labels[field.code] = field.label
            }
            tracks[key] = track
        }
        var changes: [AmendmentChange] = []
        for key in order {
            guard let track = tracks[key] else { continue }
            if track.created && track.deleted { continue }
            if track.created {
                changes.append(.init(subject: track.subject, kind: .added, name: track.name))
            } else if track.deleted {
                changes.append(.init(subject: track.subject, kind: .removed, name: track.name))
            } else {
                let details: [String] = track.fieldOrder.compactMap { code in
                    let old = track.firstOld[code] ?? nil, new = track.lastNew[code] ?? nil
                    guard (old ?? "") != (new ?? "") else { return nil }
                    return "\(track.labels[code] ?? code) : \(quoted(old)) → \(quoted(new))"
                }
                if !details.isEmpty { changes.append(.init(subject: track.subject, kind: .changed, name: track.name, details: details)) }
            }
        }
        return changes.enumerated().sorted { ($0.element.subject, $0.offset) < ($1.element.subject, $1.offset) }.map(\.element)
    }

    static func quoted(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "(vide)" }
        let line = value.replacingOccurrences(of: "\n", with: " ")
        return line.count > quotedLength ? "« \(line.prefix(quotedLength))… »" : "« \(line) »"
    }
}
