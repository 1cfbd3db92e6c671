import CLSCore
import CLSStore
import Fluent
import Foundation

/// The documents the platform writes for a contract, besides the contract itself: its signed and
/// amended versions, its amendments, the final evaluation's report, the yearly reports and the
/// meetings' minutes — listed by the Documents tab and by the API alike.
struct GeneratedDocument: Encodable {
    /// What it is, as the API names it: "version", "amendment", "evaluation", "review", "minutes".
    let kind: String
    let label: String
    let detail: String
    let href: String

    static func load(_ contract: Contract, on database: any Database) async throws -> [GeneratedDocument] {
        let id = try contract.requireID()
        let day = { (text: String?) in FrenchFormat.date(iso: text) }
        var documents: [GeneratedDocument] = []
        for version in try await ContractVersions.list(contractId: id, on: database) {
            documents.append(.init(kind: "version", label: "\(version.label) (Word)", detail: "en vigueur depuis le \(day(version.effectiveOn))",
                                   href: SitePath.contract(id, .version(version.number, .document)).href))
        }
        for amendment in try await Amendments.list(contractId: id, on: database) {
            documents.append(.init(kind: "amendment", label: "\(amendment.heading) (Word)",
                                   detail: amendment.signedOn.map { "signé le \(day($0))" } ?? "projet rédigé le \(day(amendment.draftedOn))",
                                   href: SitePath.contract(id, .amendment(amendment.number, .document)).href))
        }
        if let evaluation = try await FinalEvaluations.find(contractId: id, on: database) {
            documents.append(.init(kind: "evaluation", label: "Rapport d'évaluation finale (Word)",
                                   detail: evaluation.evidenceOn.map { "données arrêtées au \(day($0))" } ?? "données non encore arrêtées",
                                   href: SitePath.contract(id, .evaluation(.document)).href))
        }
        for review in try await AnnualReview.query(on: database).filter(\.$contractId == id).sort(\.$year, .descending).all() {
            documents.append(.init(kind: "review", label: "Rapport annuel \(review.year) (Word)", detail: ReviewState(rawValue: review.state)?.label ?? "",
                                   href: SitePath.contract(id, .review(review.year, .reportDocument)).href))
        }
        let minutes = try await Meeting.query(on: database).filter(\.$contractId == id).filter(\.$minutesFilename != nil)
            .field(\.$id).field(\.$contractId).field(\.$heldOn).field(\.$minutesFilename).sort(\.$heldOn, .descending).all()
        for meeting in minutes {
            documents.append(.init(kind: "minutes", label: "Compte rendu de la réunion du \(CodeLabels.day(meeting.heldOn))",
                                   detail: meeting.minutesFilename ?? "",
                                   href: SitePath.contract(id, .governance(.meeting(try meeting.requireID()))).href))
        }
        return documents
    }
}
