import CLSCore
import FluentKit
import Foundation

/// Gathers an amendment's document: the contract's name and signatories, the version it amends,
/// its text and its changes.
public enum AmendmentDocumentQueries {
    public static func load(_ amendment: Amendment, of contract: Contract, on database: any Database) async throws -> AmendmentDocumentContent {
        let contractId = try contract.requireID()
        let base = try await ContractVersions.find(amendment.baseVersion, contractId: contractId, on: database)
        let changes = try await Amendments.changes(of: amendment, contract: contract, on: database)
        let signatories = try await Signatory.query(on: database).filter(\.$contract.$id == contractId).with(\.$organisation).all()
        let day = { (text: String?) in FrenchFormat.date(iso: text) }
        let place = [AdministrativeAreas.department(contract.departmentCode)?.name, AdministrativeAreas.region(contract.regionCode)?.name]
            .compactMap { $0 }.joined(separator: ", ")
        return AmendmentDocumentContent(
            contractName: contract.name,
            contractSubtitle: "Contrat local de santé" + (place.isEmpty ? "" : " — \(place)"),
            number: amendment.number, title: amendment.title, state: amendment.amendmentState,
            draftedOn: day(amendment.draftedOn), signedOn: day(amendment.signedOn),
            baseVersion: base.map { "\($0.label.prefix(1).lowercased() + $0.label.dropFirst()), en vigueur depuis le \(day($0.effectiveOn))" } ?? "",
            text: amendment.text, changes: changes,
            parties: signatories.map { signatory in
                .init(organisation: signatory.organisation.name, kind: OrganisationKind(rawValue: signatory.organisation.kind)?.label ?? "",
                      representative: signatory.representative, role: signatory.representativeRole,
                      deliberationOn: day(signatory.deliberationOn), signedOn: day(signatory.signedOn))
            },
            signers: amendment.signers)
    }
}
