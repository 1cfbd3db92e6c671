import FluentKit
import Foundation

/// The coordinator's post: who holds it, how much time, employed by whom, from when to when —
/// turnover is the main risk of a CLS, so vacancies must show.
public final class CoordinatorPost: Model, @unchecked Sendable {
    public static let schema = "coordinator_posts"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Field(key: "person_name") public var personName: String
    @Field(key: "fte") public var fte: Double
    @Field(key: "employer") public var employer: String
    @Field(key: "reporting_line") public var reportingLine: String
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?

    public init() {}

    public init(contractId: UUID, personName: String, fte: Double, employer: String, reportingLine: String, startsOn: String, endsOn: String?) {
        self.contractId = contractId
        self.personName = personName
        self.fte = fte
        self.employer = employer
        self.reportingLine = reportingLine
        self.startsOn = startsOn
        self.endsOn = endsOn
    }
}

extension CoordinatorPost: Auditable {
    public static let auditEntityType = "coordinator_post"
    public var auditLabel: String { personName.isEmpty ? "Poste de coordination" : personName }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("person_name", "Personne", personName), .init("fte", "ETP", String(fte)), .init("employer", "Employeur", employer),
         .init("reporting_line", "Rattachement", reportingLine), .init("starts_on", "Début", startsOn), .init("ends_on", "Fin", endsOn)]
    }
}

/// A signatory's share of a coordinator post's funding for a year (in euros).
public final class PostFunding: Model, @unchecked Sendable {
    public static let schema = "post_fundings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "contract_id") public var contractId: UUID
    @Parent(key: "post_id") public var post: CoordinatorPost
    @Field(key: "funder") public var funder: String
    @Field(key: "year") public var year: Int
    @Field(key: "amount") public var amount: Double

    public init() {}

    public init(contractId: UUID, postId: UUID, funder: String, year: Int, amount: Double) {
        self.contractId = contractId
        self.$post.id = postId
        self.funder = funder
        self.year = year
        self.amount = amount
    }
}

extension PostFunding: Auditable {
    public static let auditEntityType = "post_funding"
    public var auditLabel: String { "\(funder) \(year)" }
    public var auditContractId: UUID? { contractId }
    public func auditSnapshot() -> [AuditField] {
        [.init("post_id", "Poste", $post.id.uuidString), .init("funder", "Financeur", funder),
         .init("year", "Année", String(year)), .init("amount", "Montant (€)", String(amount))]
    }
}
