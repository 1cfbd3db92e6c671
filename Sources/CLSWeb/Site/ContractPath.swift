import Foundation

/// The pages inside one contract, below "/contrats/:contractID".
enum ContractPath: Hashable, Sendable {
    case overview
    case edit
    case state
    case history
    /// Renewing the contract: the next generation, with what it carries forward.
    case renewal
    /// The territorial diagnosis: the perimeter's indicators against its department, region and France.
    case diagnosis(DiagnosisPath)
    /// The final evaluation: its page, forms and documents.
    case evaluation(EvaluationPath)
    case indicators
    case documents
    /// The contract as a Word document, generated from the data.
    case contractDocument
    /// The free texts of the contract document (préambule, articles).
    case documentTexts
    /// Documents deposited on the contract: the deposit, and one version's download.
    case documentFiles
    case documentFile(Param<UUID>)
    /// The amendments and the signed versions of the contract.
    case amendments
    case amendment(Param<Int>, AmendmentPath)
    case version(Param<Int>, VersionPath)
    case signatories
    case removeSignatory(Param<UUID>)
    case partners
    case removePartner(Param<UUID>)
    case members
    case removeMember(Param<UUID>)
    case perimeter
    case dashboard
    case governance(GovernancePath)
    case reviews
    case review(Param<Int>, ReviewPath)
    case equity
    case newEquitySession
    case equitySession(Param<UUID>)
    case editEquitySession(Param<UUID>)
    case programme(ProgrammePath)
    case action(Param<UUID>, ActionPath)

    var segments: [PathSegment] {
        switch self {
        case .overview: []
        case .edit: .fixed("modifier")
        case .state: .fixed("etat")
        case .history: .fixed("historique")
        case .renewal: .fixed("renouvellement")
        case let .diagnosis(page): .fixed("diagnostic") + page.segments
        case let .evaluation(page): .fixed("evaluation") + page.segments
        case .indicators: .fixed("indicateurs")
        case .documents: .fixed("documents")
        case .contractDocument: .fixed("documents/contrat.docx")
        case .documentTexts: .fixed("documents/textes")
        case .documentFiles: .fixed("documents/fichiers")
        case let .documentFile(id): .fixed("documents/fichiers") + [id.segment("fileID")]
        case .amendments: .fixed("avenants")
        case let .amendment(number, page): .fixed("avenants") + [number.segment("amendmentNumber")] + page.segments
        case let .version(number, page): .fixed("versions") + [number.segment("versionNumber")] + page.segments
        case .signatories: .fixed("signataires")
        case let .removeSignatory(id): .fixed("signataires") + [id.segment("partyID"), .fixed("supprimer")]
        case .partners: .fixed("partenaires")
        case let .removePartner(id): .fixed("partenaires") + [id.segment("partyID"), .fixed("supprimer")]
        case .members: .fixed("membres")
        case let .removeMember(id): .fixed("membres") + [id.segment("assignmentID"), .fixed("supprimer")]
        case .perimeter: .fixed("perimetre")
        case .dashboard: .fixed("tableau-de-bord")
        case let .governance(page): .fixed("gouvernance") + page.segments
        case .reviews: .fixed("bilans")
        case let .review(year, page): .fixed("bilans") + [year.segment("year")] + page.segments
        case .equity: .fixed("reflex-iss")
        case .newEquitySession: .fixed("reflex-iss/nouvelle")
        case let .equitySession(id): .fixed("reflex-iss") + [id.segment("sessionID")]
        case let .editEquitySession(id): .fixed("reflex-iss") + [id.segment("sessionID"), .fixed("modifier")]
        case let .programme(page): .fixed("programme") + page.segments
        case let .action(id, page): .fixed("actions") + [id.segment("actionID")] + page.segments
        }
    }

    static func removeSignatory(_ id: UUID) -> ContractPath { .removeSignatory(.value(id)) }
    static func documentFile(_ id: UUID) -> ContractPath { .documentFile(.value(id)) }
    static func removePartner(_ id: UUID) -> ContractPath { .removePartner(.value(id)) }
    static func amendment(_ number: Int, _ page: AmendmentPath = .page) -> ContractPath { .amendment(.value(number), page) }
    static func version(_ number: Int, _ page: VersionPath = .page) -> ContractPath { .version(.value(number), page) }
    static func removeMember(_ id: UUID) -> ContractPath { .removeMember(.value(id)) }
    static func review(_ year: Int, _ page: ReviewPath = .page) -> ContractPath { .review(.value(year), page) }
    static func equitySession(_ id: UUID) -> ContractPath { .equitySession(.value(id)) }
    static func editEquitySession(_ id: UUID) -> ContractPath { .editEquitySession(.value(id)) }
    static func action(_ id: UUID, _ page: ActionPath = .page) -> ContractPath { .action(.value(id), page) }
}

/// An amendment's pages, below "avenants/:number".
enum AmendmentPath: String, Hashable, Sendable {
    case page = ""
    case sign = "signer"
    case delete = "supprimer"
    case document = "avenant.docx"

    var segments: [PathSegment] { .fixed(rawValue) }
}

/// The diagnosis's pages and forms, below "diagnostic".
enum DiagnosisPath: Hashable, Sendable {
    case page
    case narrative
    case findings
    case deleteFinding(Param<UUID>)
    case priorities
    case priority(Param<UUID>)
    case priorityAxis(Param<UUID>)
    /// The perimeter's and department's indicators as a workbook, and as CSV.
    case spreadsheet
    case csv
    /// Dating the diagnosis as it stands, and one dated version.
    case versions
    case version(Param<Int>)

    var segments: [PathSegment] {
        switch self {
        case .page: []
        case .spreadsheet: .fixed("indicateurs.xlsx")
        case .csv: .fixed("indicateurs.csv")
        case .versions: .fixed("versions")
        case let .version(number): .fixed("versions") + [number.segment("diagnosisVersion")]
        case .narrative: .fixed("partage")
        case .findings: .fixed("constats")
        case let .deleteFinding(id): .fixed("constats") + [id.segment("findingID"), .fixed("supprimer")]
        case .priorities: .fixed("priorites")
        case let .priority(id): .fixed("priorites") + [id.segment("priorityID")]
        case let .priorityAxis(id): .fixed("priorites") + [id.segment("priorityID"), .fixed("axe")]
        }
    }

    static func deleteFinding(_ id: UUID) -> DiagnosisPath { .deleteFinding(.value(id)) }
    static func priority(_ id: UUID) -> DiagnosisPath { .priority(.value(id)) }
    static func priorityAxis(_ id: UUID) -> DiagnosisPath { .priorityAxis(.value(id)) }
    static func version(_ number: Int) -> DiagnosisPath { .version(.value(number)) }
}

/// The final evaluation's pages, below "evaluation".
enum EvaluationPath: Hashable, Sendable {
    case page
    case frame
    case evidence
    case questions
    case question(Param<UUID>)
    case deleteQuestion(Param<UUID>)
    case document
    case workbook

    var segments: [PathSegment] {
        switch self {
        case .page: []
        case .frame: .fixed("cadre")
        case .evidence: .fixed("preuves")
        case .questions: .fixed("questions")
        case let .question(id): .fixed("questions") + [id.segment("questionID")]
        case let .deleteQuestion(id): .fixed("questions") + [id.segment("questionID"), .fixed("supprimer")]
        case .document: .fixed("evaluation.docx")
        case .workbook: .fixed("preuves.xlsx")
        }
    }

    static func question(_ id: UUID) -> EvaluationPath { .question(.value(id)) }
    static func deleteQuestion(_ id: UUID) -> EvaluationPath { .deleteQuestion(.value(id)) }
}

/// A signed version's pages, below "versions/:number".
enum VersionPath: String, Hashable, Sendable {
    case page = ""
    case document = "contrat.docx"

    var segments: [PathSegment] { .fixed(rawValue) }
}

/// The governance pages: bodies, posts, meetings and decisions.
enum GovernancePath: Hashable, Sendable {
    case overview
    case calendar
    case bodies
    case body(Param<UUID>)
    case bodyMembers(Param<UUID>)
    case memberLeaves(body: Param<UUID>, member: Param<UUID>)
    case posts
    case endPost(Param<UUID>)
    case postFundings(Param<UUID>)
    case meetings
    case meeting(Param<UUID>, MeetingPath)
    case decision(Param<UUID>)

    var segments: [PathSegment] {
        switch self {
        case .overview: []
        case .calendar: .fixed("calendrier.ics")
        case .bodies: .fixed("instances")
        case let .body(id): .fixed("instances") + [id.segment("bodyID")]
        case let .bodyMembers(id): .fixed("instances") + [id.segment("bodyID"), .fixed("membres")]
        case let .memberLeaves(body, member):
            .fixed("instances") + [body.segment("bodyID"), .fixed("membres"), member.segment("memberID"), .fixed("sortie")]
        case .posts: .fixed("postes")
        case let .endPost(id): .fixed("postes") + [id.segment("postID"), .fixed("fin")]
        case let .postFundings(id): .fixed("postes") + [id.segment("postID"), .fixed("financements")]
        case .meetings: .fixed("reunions")
        case let .meeting(id, page): .fixed("reunions") + [id.segment("meetingID")] + page.segments
        case let .decision(id): .fixed("decisions") + [id.segment("decisionID")]
        }
    }

    static func body(_ id: UUID) -> GovernancePath { .body(.value(id)) }
    static func bodyMembers(_ id: UUID) -> GovernancePath { .bodyMembers(.value(id)) }
    static func memberLeaves(body: UUID, member: UUID) -> GovernancePath { .memberLeaves(body: .value(body), member: .value(member)) }
    static func endPost(_ id: UUID) -> GovernancePath { .endPost(.value(id)) }
    static func postFundings(_ id: UUID) -> GovernancePath { .postFundings(.value(id)) }
    static func meeting(_ id: UUID, _ page: MeetingPath = .page) -> GovernancePath { .meeting(.value(id), page) }
    static func decision(_ id: UUID) -> GovernancePath { .decision(.value(id)) }
}

enum MeetingPath: String, Hashable, Sendable {
    case page = ""
    case attendance = "presences"
    case participants
    case minutes = "compte-rendu"
    case decisions
    case record = "releve"

    var segments: [PathSegment] { .fixed(rawValue) }
}

/// A yearly review's pages, below "bilans/:year".
enum ReviewPath: Hashable, Sendable {
    case page
    case steps
    case consolidation
    case entry(Param<UUID>, ReviewEntryPath)
    case report
    case reportWorkbook
    case reportDocument

    var segments: [PathSegment] {
        switch self {
        case .page: []
        case .steps: .fixed("etapes")
        case .consolidation: .fixed("consolidation")
        case let .entry(id, page): .fixed("actions") + [id.segment("actionID")] + page.segments
        case .report: .fixed("rapport")
        case .reportWorkbook: .fixed("rapport.xlsx")
        case .reportDocument: .fixed("rapport.docx")
        }
    }

    static func entry(_ actionID: UUID, _ page: ReviewEntryPath = .page) -> ReviewPath { .entry(.value(actionID), page) }
}

enum ReviewEntryPath: String, Hashable, Sendable {
    case page = ""
    case submit = "transmettre"
    case sendBack = "renvoyer"

    var segments: [PathSegment] { .fixed(rawValue) }
}

/// The programme's pages: the tree, its sections, the table, imports and exports.
enum ProgrammePath: Hashable, Sendable {
    case tree
    case sections
    case section(Param<UUID>, SectionPath)
    case actions
    case table
    case bulkEdit
    case importForm
    case importUpload(Param<UUID>, ImportUploadPath)
    case exportWorkbook
    case exportCSV

    var segments: [PathSegment] {
        switch self {
        case .tree: []
        case .sections: .fixed("sections")
        case let .section(id, page): .fixed("sections") + [id.segment("sectionID"), .fixed(page.rawValue)]
        case .actions: .fixed("actions")
        case .table: .fixed("tableau")
        case .bulkEdit: .fixed("lot")
        case .importForm: .fixed("import")
        case let .importUpload(id, page): .fixed("import") + [id.segment("uploadID")] + page.segments
        case .exportWorkbook: .fixed("export.xlsx")
        case .exportCSV: .fixed("export.csv")
        }
    }

    static func section(_ id: UUID, _ page: SectionPath) -> ProgrammePath { .section(.value(id), page) }
    static func importUpload(_ id: UUID, _ page: ImportUploadPath = .progress) -> ProgrammePath { .importUpload(.value(id), page) }
}

enum SectionPath: String, Hashable, Sendable {
    case edit = "modifier"
    case move = "deplacer"
    case delete = "supprimer"
}

enum ImportUploadPath: String, Hashable, Sendable {
    case progress = ""
    case status = "etat"
    case confirm = "confirmer"

    var segments: [PathSegment] { .fixed(rawValue) }
}

/// A fiche action's pages, below "actions/:actionID".
enum ActionPath: Hashable, Sendable {
    case page
    case edit
    case followUp
    case delete
    case budget
    case budgetLine(Param<UUID>, LinePath)
    case indicators
    case indicator(Param<UUID>, IndicatorPath)
    case attachments
    case attachment(Param<UUID>)
    case deleteAttachment(Param<UUID>)
    case links
    case deleteLink(Param<UUID>)
    case history
    /// The fiche action alone, as a Word document.
    case document

    var segments: [PathSegment] {
        switch self {
        case .page: []
        case .edit: .fixed("modifier")
        case .followUp: .fixed("suivi")
        case .delete: .fixed("supprimer")
        case .budget: .fixed("budget")
        case let .budgetLine(id, page): .fixed("budget") + [id.segment("lineID"), .fixed(page.rawValue)]
        case .indicators: .fixed("indicateurs")
        case let .indicator(id, page): .fixed("indicateurs") + [id.segment("indicatorID"), .fixed(page.rawValue)]
        case .attachments: .fixed("pieces-jointes")
        case let .attachment(id): .fixed("pieces-jointes") + [id.segment("attachmentID")]
        case let .deleteAttachment(id): .fixed("pieces-jointes") + [id.segment("attachmentID"), .fixed("supprimer")]
        case .links: .fixed("liens")
        case let .deleteLink(id): .fixed("liens") + [id.segment("linkID"), .fixed("supprimer")]
        case .history: .fixed("historique")
        case .document: .fixed("fiche.docx")
        }
    }

    enum LinePath: String, Hashable, Sendable { case actual = "realise", delete = "supprimer" }
    enum IndicatorPath: String, Hashable, Sendable { case values = "valeurs", delete = "supprimer" }

    static func budgetLine(_ id: UUID, _ page: LinePath) -> ActionPath { .budgetLine(.value(id), page) }
    static func indicator(_ id: UUID, _ page: IndicatorPath) -> ActionPath { .indicator(.value(id), page) }
    static func attachment(_ id: UUID) -> ActionPath { .attachment(.value(id)) }
    static func deleteAttachment(_ id: UUID) -> ActionPath { .deleteAttachment(.value(id)) }
    static func deleteLink(_ id: UUID) -> ActionPath { .deleteLink(.value(id)) }
}
