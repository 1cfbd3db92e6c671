/// A programme as a spreadsheet carries it, independent of the storage: the tree of axes and
/// objectives with their fiches actions and sub-actions. The plan importer reads a workbook
/// into it (with issues for what it could not read), the exporter writes one from it.
public struct PlanDocument: Equatable, Sendable {
    public var axes: [PlanSection]

    public init(axes: [PlanSection] = []) { self.axes = axes }

    public var actionCount: Int { axes.reduce(0) { $0 + $1.actionCount } }
    public var subActionCount: Int { axes.reduce(0) { $0 + $1.subActionCount } }
    public var sectionCount: Int { axes.reduce(0) { $0 + $1.sectionCount } }
}

/// An axis (top level) or an objective (sub-axis, sub-sub-axis).
public struct PlanSection: Equatable, Sendable {
    public var title: String
    public var children: [PlanSection]
    public var actions: [PlanAction]

    public init(title: String, children: [PlanSection] = [], actions: [PlanAction] = []) {
        self.title = title
        self.children = children
        self.actions = actions
    }

    public var actionCount: Int { actions.count + children.reduce(0) { $0 + $1.actionCount } }
    public var subActionCount: Int {
        actions.reduce(0) { $0 + $1.subActions.count } + children.reduce(0) { $0 + $1.subActionCount }
    }
    public var sectionCount: Int { 1 + children.reduce(0) { $0 + $1.sectionCount } }
}

/// One funder named on an action with the amount it brings (and the year of that line, when
/// known: CLS Pilot's column "Années des financements").
public struct PlanFunding: Equatable, Sendable {
    public var funder: String
    public var amount: Double?
    public var year: Int?

    public init(funder: String, amount: Double?, year: Int? = nil) {
        self.funder = funder
        self.amount = amount
        self.year = year
    }
}

/// A fiche action or a sub-action, with every column of the format. Its fields are described
/// by `ActionField` (headers, labels, kinds): `ActionField.spreadsheetFields` lists them.
public struct PlanAction: Equatable, Sendable {
    public var title: String
    /// The "Descriptif" column (`ActionField.summary`).
    public var summary = ""
    public var governanceBody = ""
    public var objectives = ""
    public var linkedIndicators = ""
    public var leadOrganisation = ""
    public var means = ""
    public var partners = ""
    public var leadService = ""
    public var leadPeople = ""
    public var electedReferent = ""
    /// The free text of the "Participation Citoyenne" column.
    public var citizenParticipation = ""
    /// The free text of the "Financements" column.
    public var financingNotes = ""
    public var fundings: [PlanFunding] = []
    public var plannedTotal: Double?
    public var status: ActionStatus?
    public var priority: ActionPriority?
    public var startsOn: CalendarDay?
    public var endsOn: CalendarDay?
    public var isContinuous = false
    public var schedule = ""
    /// Titles of other actions of the plan.
    public var linkedActions: [String] = []
    public var linkedPlanActions = ""
    public var notes = ""
    public var documentLinks = ""
    // Columns of CLS Pilot's own format (read when present, always written).
    public var expectedResults = ""
    public var logicProblem = ""
    public var logicDeterminant = ""
    public var logicStrategy = ""
    public var logicIntermediateResults = ""
    public var themes: [String] = []
    public var determinants: [String] = []
    public var strategies: [String] = []
    public var publics: [String] = []
    public var sectors: [String] = []
    public var lifeStages: [String] = []
    public var approach: InterventionApproach?
    public var istsAim: ISTSAim?
    public var participation: ParticipationLevel?
    public var isConfidential = false
    /// The amounts (total and fundings) are "€ TTC".
    public var amountsIncludeTax = false
    /// Themes the catalogue does not hold (TeT's "Thématique principale", "Sous-thématiques"), by
    /// their label: the importer adds them to the region's themes when it may, else to the notes.
    public var unlistedThemes: [String] = []
    /// TeT's "Cibles" that are no public of the catalogue, by their label: kept in the notes.
    public var unlistedPublics: [String] = []
    public var subActions: [PlanAction] = []

    public init(title: String) { self.title = title }
}

/// Something the importer could not take as it is, located in the workbook.
public struct PlanIssue: Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let sheet: String
    /// 1-based, as Excel shows them.
    public let row: Int?
    /// Column letter ("D") and header ("Statut").
    public let column: String?
    public let value: String?
    public let message: String

    public init(_ severity: Severity, sheet: String, row: Int?, column: String?, value: String?, message: String) {
        self.severity = severity
        self.sheet = sheet
        self.row = row
        self.column = column
        self.value = value
        self.message = message
    }

    /// "Feuille « Plan », ligne 12, colonne K (Statut), valeur « Fini » : statut inconnu…"
    public var description: String {
        var parts = ["Feuille « \(sheet) »"]
        if let row { parts.append("ligne \(row)") }
        if let column { parts.append("colonne \(column)") }
        if let value, !value.isEmpty { parts.append("valeur « \(value) »") }
        return parts.joined(separator: ", ") + " : " + message
    }
}
