import CLSCore
import FluentKit
import Foundation

/// The free texts of a contract's document: read (the coordinator's or the default, part by
/// part) and saved through the audited path. A text equal to its default, or empty, is no text of
/// the coordinator's: its row goes, and the default comes back.
public enum ContractTexts {
    public struct Entry: Sendable {
        public let part: ContractDocumentPart
        public let text: String
        public let isOwn: Bool
    }

    public static func context(of contract: Contract) -> ContractDocumentPart.Context {
        .init(name: contract.name, territory: contract.territoryLabel, durationYears: contract.durationYears,
              startsOn: contract.startsOn.flatMap(CalendarDay.init(parsing:)), diagnosticOn: contract.diagnosticOn.flatMap(CalendarDay.init(parsing:)))
    }

    public static func load(_ contract: Contract, on database: any Database) async throws -> [Entry] {
        let own = try await ContractText.query(on: database).filter(\.$contractId == contract.requireID()).all()
        let context = context(of: contract)
        return ContractDocumentPart.allCases.map { part in
            if let text = own.first(where: { $0.part == part.rawValue }) { return Entry(part: part, text: text.text, isOwn: true) }
            return Entry(part: part, text: part.defaultText(context), isOwn: false)
        }
    }

    /// Saves the texts sent (a part absent from `texts` is left as it is); returns how many changed.
    @discardableResult
    public static func save(_ texts: [ContractDocumentPart: String], of contract: Contract, using mutations: Mutations) async throws -> Int {
        let contractId = try contract.requireID()
        let permission = Permission.editContract(contract.accessScope)
        try AccessPolicy.require(mutations.actor.subject, permission)
        let context = context(of: contract)
        // Checked here rather than by `Mutations`, to name the part of the form the text came from.
        for part in ContractDocumentPart.allCases {
            if let text = texts[part], text.count > TextLimits.longText {
                throw TextTooLong(field: part.rawValue, label: part.heading, limit: TextLimits.longText, length: text.count)
            }
        }
        return try await mutations.transaction { tx in
            let own = try await ContractText.query(on: tx.database).filter(\.$contractId == contractId).all()
            var changed = 0
            for part in ContractDocumentPart.allCases {
                guard let sent = texts[part] else { continue }
                let text = sent.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                let existing = own.first { $0.part == part.rawValue }
                let isDefault = text.isEmpty || text == part.defaultText(context)
                switch (existing, isDefault) {
                case (let row?, true):
                    try await tx.delete(row, permission: permission)
                    changed += 1
                case (let row?, false):
                    if try await tx.update(row, permission: permission, { $0.text = text }) { changed += 1 }
                case (nil, false):
                    try await tx.create(ContractText(contractId: contractId, part: part, text: text), permission: permission)
                    changed += 1
                case (nil, true):
                    break
                }
            }
            return changed
        }
    }
}
