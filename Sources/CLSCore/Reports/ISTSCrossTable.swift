import Foundation

/// The determinant × strategy table of the ISTS evaluation (DOMAIN.md §5, `003:1297`): how many
/// actions act on each class of determinants (rows D1…D6) through each class of strategies
/// (columns S1…S5 and NS), with the sub-components of reorientation of health services
/// (S4.1…S4.4) and of strategic development (S5.1…S5.3) as sub-columns.
///
/// Counting rules:
/// - every figure is a number of actions, and an action counts at most once in a given row,
///   column, cell or sub-cell, however many of its codes fall there (D4.1.5 and D4.2.2 count
///   once in D4; S4.1 and S4.2 count once in S4, and once in each of S4.1 and S4.2);
/// - a row total counts the actions with at least one determinant code in the row class;
/// - a column total counts the actions with at least one strategy code in the column class;
/// - a cell counts the actions with at least one determinant code in the row class and at
///   least one strategy code in the column class. An action coded in several classes appears
///   in several cells: cells do not add up to the totals;
/// - a sub-cell or sub-column follows the same rule at the level of a sub-component; a deeper
///   code counts in the sub-component it descends from;
/// - an action with no strategy code, or with "NS" as its only strategy, counts in the "NS"
///   column. "NS" next to a real strategy is ignored: the action counts in that strategy only;
/// - an action with no determinant code appears in no row, but still in the column totals;
/// - codes unknown to the taxonomies are ignored.
public struct CrossTable: Sendable, Equatable, Codable {
    /// One class of determinants.
    public struct Row: Sendable, Equatable, Codable, Identifiable {
        /// "D1"…"D6".
        public let code: String
        public let label: String
        /// Actions with at least one code in this class, each counted once.
        public let total: Int
        /// Actions of this row per strategy class, keyed "S1"…"S5" and "NS"; every key present.
        public let cells: [String: Int]
        /// Actions of this row per sub-component, keyed "S4.1"…"S4.4" and "S5.1"…"S5.3";
        /// every key present.
        public let subCells: [String: Int]

        public init(code: String, label: String, total: Int, cells: [String: Int], subCells: [String: Int]) {
            self.code = code
            self.label = label
            self.total = total
            self.cells = cells
            self.subCells = subCells
        }

        public var id: String { code }

        /// The count of a strategy class ("S4", "NS") or sub-component ("S4.1"); 0 when unknown.
        public func count(_ strategyCode: String) -> Int {
            cells[strategyCode] ?? subCells[strategyCode] ?? 0
        }
    }

    /// One class of strategies ("S1"…"S5", "NS") or one sub-component ("S4.1"…).
    public struct Column: Sendable, Equatable, Codable, Identifiable {
        public let code: String
        public let label: String
        /// Actions with at least one code in this column, each counted once. For "NS": the
        /// actions with no strategy code or with "NS" only.
        public let total: Int
        /// For a sub-component, its class ("S4", "S5"); `nil` for a class.
        public let parentCode: String?

        public init(code: String, label: String, total: Int, parentCode: String? = nil) {
            self.code = code
            self.label = label
            self.total = total
            self.parentCode = parentCode
        }

        public var id: String { code }
    }

    /// D1…D6, in the taxonomy's order.
    public let rows: [Row]
    /// S1…S5 then NS, in the taxonomy's order.
    public let columns: [Column]
    /// S4.1…S4.4 then S5.1…S5.3, in the taxonomy's order.
    public let subColumns: [Column]
    /// The number of actions counted (including those without determinant or strategy).
    public let grandTotal: Int

    public init(rows: [Row], columns: [Column], subColumns: [Column], grandTotal: Int) {
        self.rows = rows
        self.columns = columns
        self.subColumns = subColumns
        self.grandTotal = grandTotal
    }

    /// The strategy classes whose sub-components get their own columns: reorientation of
    /// health services and strategic development.
    public static let subdividedStrategyClasses = ["S4", "S5"]

    /// The row of a determinant class ("D4").
    public func row(_ code: String) -> Row? { rows.first { $0.code == code } }

    /// The column of a strategy class ("S4", "NS") or sub-component ("S4.1").
    public func column(_ code: String) -> Column? {
        columns.first { $0.code == code } ?? subColumns.first { $0.code == code }
    }

    /// The cell of a determinant class and a strategy class or sub-component; 0 when unknown.
    public func count(determinant: String, strategy: String) -> Int {
        row(determinant)?.count(strategy) ?? 0
    }

    /// The table of a set of actions. Deterministic: rows and columns follow the taxonomies.
    public static func compute(_ actions: [CodedAction]) -> CrossTable {
        compute(actions.map(ISTSCoding.init))
    }

    static func compute(_ codings: [ISTSCoding]) -> CrossTable {
        let determinantClasses = ISTSTaxonomy.determinants.classes
        let strategyClasses = ISTSTaxonomy.strategies.classes
        let subComponents = subdividedStrategyClasses.flatMap { code in
            (ISTSTaxonomy.strategies.node(code: code)?.children ?? []).map { (node: $0, parent: code) }
        }

        // One pass over the actions (a region holds thousands): each adds one to every cell of its
        // classes; the tables below then read the sums.
        var rowTotals: [String: Int] = [:]
        var cellCounts: [String: [String: Int]] = [:]
        var subCellCounts: [String: [String: Int]] = [:]
        var columnTotals: [String: Int] = [:]
        var subColumnTotals: [String: Int] = [:]
        for coding in codings {
            for column in coding.strategyColumns { columnTotals[column, default: 0] += 1 }
            for sub in coding.strategySubColumns { subColumnTotals[sub, default: 0] += 1 }
            for row in coding.determinantClasses {
                rowTotals[row, default: 0] += 1
                for column in coding.strategyColumns { cellCounts[row, default: [:]][column, default: 0] += 1 }
                for sub in coding.strategySubColumns { subCellCounts[row, default: [:]][sub, default: 0] += 1 }
            }
        }

        let rows = determinantClasses.map { row -> Row in
            var cells: [String: Int] = [:]
            for column in strategyClasses { cells[column.code] = cellCounts[row.code]?[column.code] ?? 0 }
            var subCells: [String: Int] = [:]
            for sub in subComponents { subCells[sub.node.code] = subCellCounts[row.code]?[sub.node.code] ?? 0 }
            return Row(code: row.code, label: row.label, total: rowTotals[row.code] ?? 0, cells: cells, subCells: subCells)
        }
        let columns = strategyClasses.map { column in
            Column(code: column.code, label: column.label, total: columnTotals[column.code] ?? 0)
        }
        let subColumns = subComponents.map { sub in
            Column(code: sub.node.code, label: sub.node.label, total: subColumnTotals[sub.node.code] ?? 0, parentCode: sub.parent)
        }
        return CrossTable(rows: rows, columns: columns, subColumns: subColumns, grandTotal: codings.count)
    }
}

/// An action's codes resolved against the ISTS taxonomies, each class counted once.
struct ISTSCoding: Sendable {
    let action: CodedAction
    /// The determinant classes ("D1"…"D6") the action has at least one code in.
    let determinantClasses: Set<String>
    /// The strategy classes ("S1"…"S5") the action has at least one code in, or `["NS"]` when
    /// it has none (no strategy code, or "NS" only).
    let strategyColumns: Set<String>
    /// The sub-components of the subdivided classes ("S4.1"…) the action has a code in.
    let strategySubColumns: Set<String>
    /// Determinant and strategy codes the taxonomies do not know.
    let unknownCodes: Set<String>

    init(_ action: CodedAction) {
        self.action = action
        var unknown = Set<String>()

        var determinantClasses = Set<String>()
        for raw in action.determinants {
            if let path = Self.path(of: raw, in: ISTSTaxonomy.determinants), let top = path.first {
                determinantClasses.insert(top.code)
            } else {
                unknown.insert(raw)
            }
        }

        var strategyClasses = Set<String>()
        var subColumns = Set<String>()
        for raw in action.strategies {
            guard let path = Self.path(of: raw, in: ISTSTaxonomy.strategies), let top = path.first else {
                unknown.insert(raw)
                continue
            }
            guard top.code != ISTSTaxonomy.notSpecifiedCode else { continue }
            strategyClasses.insert(top.code)
            if path.count >= 2, CrossTable.subdividedStrategyClasses.contains(top.code) {
                subColumns.insert(path[1].code)
            }
        }

        self.determinantClasses = determinantClasses
        self.strategyColumns = strategyClasses.isEmpty ? [ISTSTaxonomy.notSpecifiedCode] : strategyClasses
        self.strategySubColumns = subColumns
        self.unknownCodes = unknown
    }

    /// The taxonomy path of a stored code, tolerating lower case ("d4.1.5"); `nil` when unknown.
    private static func path(of code: String, in taxonomy: Taxonomy) -> [TaxonomyNode]? {
        let path = taxonomy.path(of: code)
        if !path.isEmpty { return path }
        let upper = taxonomy.path(of: code.uppercased())
        return upper.isEmpty ? nil : upper
    }
}
