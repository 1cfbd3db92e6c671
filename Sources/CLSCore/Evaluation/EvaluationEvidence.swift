/// What the data says at the end of the contract, assembled for the final evaluation and frozen
/// on a day (DOMAIN.md §3 step 7): the programme's outcome, the ISTS coding, the RÉFLEX-ISS
/// sessions, indicators against their targets, budgets planned against actual by funder, and
/// the governance's activity. Everything is already in words and figures written in French, so
/// that the page, the Word report and the workbook say the same.
public struct EvaluationEvidence: Codable, Equatable, Sendable {
    /// A value as read ("12 000 €", "45 %"), with the number it shows when it is one, so that the
    /// workbook holds numbers an evaluator computes with.
    public struct Cell: Codable, Equatable, Sendable {
        public let text: String
        public let number: Double?
        public init(_ text: String, number: Double? = nil) { self.text = text; self.number = number }
    }

    /// A label and its value.
    public struct Line: Codable, Equatable, Sendable {
        public let label: String
        public let value: Cell
        public init(_ label: String, _ value: Cell) { self.label = label; self.value = value }
        /// A count, written as French users read it.
        public static func count(_ label: String, _ count: Int) -> Line { Line(label, Cell(FrenchFormat.integer(count), number: Double(count))) }
    }

    /// A table: its title, header and rows.
    public struct Table: Codable, Equatable, Sendable {
        public let title: String
        public let header: [String]
        public let rows: [[Cell]]
        public init(title: String, header: [String], rows: [[Cell]]) {
            self.title = title
            self.header = header
            self.rows = rows
        }
    }

    /// The day the evidence describes ("15 janvier 2026").
    public let day: String
    public let actions: [Line]
    public let lateActions: [String]
    public let abandonedActions: [String]
    public let ists: [Line]
    public let reflex: Table
    public let indicators: Table
    public let budgets: Table
    public let governance: [Line]

    public init(day: String, actions: [Line], lateActions: [String], abandonedActions: [String], ists: [Line], reflex: Table,
                indicators: Table, budgets: Table, governance: [Line]) {
        self.day = day
        self.actions = actions
        self.lateActions = lateActions
        self.abandonedActions = abandonedActions
        self.ists = ists
        self.reflex = reflex
        self.indicators = indicators
        self.budgets = budgets
        self.governance = governance
    }

    public var tables: [Table] { [reflex, indicators, budgets] }
}
