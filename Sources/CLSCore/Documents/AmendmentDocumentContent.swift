/// An amendment as a document: the contract it amends and the version it starts from, its own
/// text, what it changes, and who signs it (DOMAIN.md §3 step 9).
public struct AmendmentDocumentContent: Equatable, Sendable {
    public let contractName: String
    public let contractSubtitle: String
    public let number: Int
    public let title: String
    public let state: AmendmentState
    /// In words: "12 mars 2026".
    public let draftedOn: String
    public let signedOn: String
    /// "Contrat signé, en vigueur depuis le 17 février 2014".
    public let baseVersion: String
    public let text: String
    public let changes: [AmendmentChange]
    /// The contract's signatories (organisation, representative and role), each with a signature box.
    public let parties: [ContractDocumentContent.Party]
    /// Those who signed it, once signed.
    public let signers: [String]

    public init(contractName: String, contractSubtitle: String, number: Int, title: String, state: AmendmentState, draftedOn: String,
                signedOn: String, baseVersion: String, text: String, changes: [AmendmentChange],
                parties: [ContractDocumentContent.Party], signers: [String]) {
        self.contractName = contractName
        self.contractSubtitle = contractSubtitle
        self.number = number
        self.title = title
        self.state = state
        self.draftedOn = draftedOn
        self.signedOn = signedOn
        self.baseVersion = baseVersion
        self.text = text
        self.changes = changes
        self.parties = parties
        self.signers = signers
    }

    public var heading: String { "Avenant n° \(number)" }
}
