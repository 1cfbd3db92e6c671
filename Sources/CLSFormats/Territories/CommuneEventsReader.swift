import CLSCore
import Foundation

/// One line of INSEE's "mouvements des communes" (Code officiel géographique): one entity before
/// an event paired with one entity after it. An event touching several communes takes several
/// lines: a commune nouvelle made of A (chef-lieu, whose code it keeps) and B reads
/// `COM A → COM A`, `COM B → COM A`, `COM A → COMD A`, `COM B → COMD B`.
public struct CommuneEvent: Sendable, Equatable {
    /// `MOD`, the type of event, with INSEE's labels.
    public enum Kind: Sendable, Equatable {
        /// 10, "Changement de nom".
        case renamed
        /// 20, "Création".
        case created
        /// 21, "Rétablissement".
        case restored
        /// 30, "Suppression".
        case removed
        /// 31, "Fusion simple".
        case merged
        /// 32, "Création de commune nouvelle".
        case newCommune
        /// 33, "Fusion association".
        case associated
        /// 34, "Transformation de fusion association en fusion simple".
        case associationToMerger
        /// 35, "Suppression de commune déléguée".
        case delegatedRemoved
        /// 41, "Changement de code dû à un changement de département".
        case codeChangedDepartment
        /// 50, "Changement de code dû à un transfert de chef-lieu".
        case codeChangedChefLieu
        /// 70, "Transformation de commune associée en commune déléguée".
        case associatedToDelegated
        /// 71, "Rétablissement de commune déléguée".
        case delegatedRestored
        /// 72, "Création de commune déléguée" (one line in the 2026 file: Morannes, 49220).
        case delegatedCreated
        /// A code this reader does not know (`init(code:)` gives it only for codes not listed above).
        case other(Int)

        public init(code: Int) {
            switch code {
            case 10: self = .renamed
            case 20: self = .created
            case 21: self = .restored
            case 30: self = .removed
            case 31: self = .merged
            case 32: self = .newCommune
            case 33: self = .associated
            case 34: self = .associationToMerger
            case 35: self = .delegatedRemoved
            case 41: self = .codeChangedDepartment
            case 50: self = .codeChangedChefLieu
            case 70: self = .associatedToDelegated
            case 71: self = .delegatedRestored
            case 72: self = .delegatedCreated
            default: self = .other(code)
            }
        }

        /// The `MOD` code.
        public var code: Int {
            switch self {
            case .renamed: return 10
            case .created: return 20
            case .restored: return 21
            case .removed: return 30
            case .merged: return 31
            case .newCommune: return 32
            case .associated: return 33
            case .associationToMerger: return 34
            case .delegatedRemoved: return 35
            case .codeChangedDepartment: return 41
            case .codeChangedChefLieu: return 50
            case .associatedToDelegated: return 70
            case .delegatedRestored: return 71
            case .delegatedCreated: return 72
            case .other(let code): return code
            }
        }

        /// INSEE's wording ("Fusion simple", "Création de commune nouvelle"…).
        public var label: String {
            switch self {
            case .renamed: return "Changement de nom"
            case .created: return "Création"
            case .restored: return "Rétablissement"
            case .removed: return "Suppression"
            case .merged: return "Fusion simple"
            case .newCommune: return "Création de commune nouvelle"
            case .associated: return "Fusion association"
            case .associationToMerger: return "Transformation de fusion association en fusion simple"
            case .delegatedRemoved: return "Suppression de commune déléguée"
            case .codeChangedDepartment: return "Changement de code dû à un changement de département"
            case .codeChangedChefLieu: return "Changement de code dû à un transfert de chef-lieu"
            case .associatedToDelegated: return "Transformation de commune associée en commune déléguée"
            case .delegatedRestored: return "Rétablissement de commune déléguée"
            case .delegatedCreated: return "Création de commune déléguée"
            case .other(let code): return "Mouvement de type \(code)"
            }
        }
    }

    /// One side of the line: the entity before (`…_AV`) or after (`…_AP`) the event.
    public struct Side: Sendable, Equatable {
        /// `TYPECOM`, upper case: "COM", "COMA", "COMD" or "ARM" (the raw values of `CommuneRecord.Kind`).
        public var kind: String
        /// `COM`: five characters, leading zeros kept, Corsica as 2A/2B.
        public var code: String
        /// `LIBELLE`, with its article: "Les Trois Lacs".
        public var name: String

        public init(kind: String, code: String, name: String) {
            self.kind = kind
            self.code = code
            self.name = name
        }

        /// A commune proper (`COM`), not a delegated or associated commune nor an arrondissement.
        public var isCommune: Bool { kind == CommuneRecord.Kind.commune.rawValue }
    }

    /// `MOD`.
    public var code: Int
    /// `DATE_EFF`, the date the event took effect, as ISO `yyyy-mm-dd`.
    public var date: String
    /// Nil only where the file leaves the side empty: communes created out of no commune of the
    /// list (MOD 20; 127 lines of the 2026 file: the overseas departments' communes in 1946,
    /// La Brigue and Tende in 1947, Saint-Laurent-du-Maroni in 1949, Mayotte's 17 in 2011).
    public var before: Side?
    /// Nil only where the file leaves the side empty: Saint-Barthélemy and Saint-Martin, removed
    /// (MOD 30) in 2007 when they left the list of communes.
    public var after: Side?
    /// The line of the file (for messages of the importer built on top).
    public var line: Int

    public init(code: Int, date: String, before: Side?, after: Side?, line: Int) {
        self.code = code
        self.date = date
        self.before = before
        self.after = after
        self.line = line
    }

    public var kind: Kind { Kind(code: code) }

    /// INSEE's label of `kind`.
    public var label: String { kind.label }

    /// True when the line says that the commune before stops being a commune of its own (its code
    /// no longer designates a commune) and that `after` is a commune which takes in its territory.
    /// That is: a suppression, simple merger, commune nouvelle or fusion-association (30, 31, 32,
    /// 33) whose two sides are communes proper (`COM`) with different codes.
    ///
    /// Not an absorption, on purpose:
    /// - the line of the commune that keeps its code (`COM A → COM A`): a perimeter holding A
    ///   still holds it, the commune being larger and perhaps renamed (Malaville, 16204, became
    ///   Bellevigne, 16204, in 2017);
    /// - the lines that turn a commune into a delegated or associated one (`COM B → COMD B`,
    ///   `COM B → COMA B`): they give the new status, the line `COM B → COM A` gives the absorption;
    /// - the lines whose before side is already not a commune of its own (associated or delegated
    ///   communes: 32, 34, 35 `COMA`/`COMD → COM`): the commune they belonged to already held
    ///   their territory;
    /// - code changes (41, 50): the same commune under another code;
    /// - creations and restorations (20, 21): the commune before loses part of its territory and lives on;
    /// - the removals without an after side (Saint-Barthélemy, Saint-Martin).
    ///
    /// On the 2026 file this flags 3,605 lines (1,838 of MOD 32, 1,046 of 33, 707 of 31, 14 of 30),
    /// and it agrees with the 2026 list of communes: every code that stopped being a commune is
    /// flagged by its last event, is a code change, or is one of the two removals without an
    /// after side; every flagged code still a commune in 2026 was restored later.
    public var absorbsBeforeCommune: Bool {
        switch kind {
        case .removed, .merged, .newCommune, .associated:
            guard let before, let after else { return false }
            return before.isCommune && after.isCommune && before.code != after.code
        default:
            return false
        }
    }
}

/// Reads INSEE's history of the communes, `mouvements-communes.csv` (COG "mouvements des
/// communes", UTF-8, comma, CRLF): `MOD,DATE_EFF,TYPECOM_AV,COM_AV,TNCC_AV,NCC_AV,NCCENR_AV,
/// LIBELLE_AV,TYPECOM_AP,COM_AP,TNCC_AP,NCC_AP,NCCENR_AP,LIBELLE_AP`. The events come in the
/// order of the file (INSEE's: most recent first).
///
/// Checks: `MOD` a whole number (codes this reader does not know become `.other`), `DATE_EFF` a
/// real date written `yyyy-mm-dd` (INSEE) or `dd/mm/yyyy` (a spreadsheet in French), each side's
/// `TYPECOM` one of COM, COMA, COMD, ARM, its `COM` a commune code and its `LIBELLE` given. A side
/// is either complete or wholly empty, and may be empty only where INSEE leaves it so: the before
/// side of a creation (20), the after side of a suppression (30), either side (not both) of a
/// code this reader does not know. `TNCC`, `NCC` and `NCCENR` are not read.
///
/// A line repeated exactly (every column of the header above, trimmed) is kept once: it states
/// the same fact twice, and the events are facts, not keyed records, so there is nothing to
/// refuse. The 2026 file has no such line (13,734 lines, 13,734 distinct).
public enum CommuneEventsReader {
    public static let columns = ["MOD", "DATE_EFF",
                                 "TYPECOM_AV", "COM_AV", "TNCC_AV", "NCC_AV", "NCCENR_AV", "LIBELLE_AV",
                                 "TYPECOM_AP", "COM_AP", "TNCC_AP", "NCC_AP", "NCCENR_AP", "LIBELLE_AP"]
    static let kind = "l'historique des mouvements des communes du Code officiel géographique (INSEE)"

    static let modExpectation = "un code de mouvement entier, comme 10, 31 ou 32"
    static let dateExpectation = "une date réelle écrite AAAA-MM-JJ, comme 2026-01-01, ou JJ/MM/AAAA, comme 01/01/2026"

    public static func read(contentsOf url: URL) throws -> [CommuneEvent] {
        try read(data: TerritoryFileLoader.load(url, maxBytes: DelimitedTextOptions.defaultMaxBytes), fileName: url.lastPathComponent)
    }

    public static func read(data: Data, fileName: String) throws -> [CommuneEvent] {
        let reader = try TerritoryCSV.reader(data: data, fileName: fileName, separator: ",")
        var events: [CommuneEvent] = []
        events.reserveCapacity(16_000)
        var seen: Set<[String]> = []
        try reader.readTable(kind: kind, columns: columns) { row in
            let modText = try row.requiredText("MOD")
            guard let code = wholeCode(modText) else { throw row.invalid("MOD", modText, expected: modExpectation) }
            let kind = CommuneEvent.Kind(code: code)
            let dateText = try row.requiredText("DATE_EFF")
            guard let date = isoDate(dateText) else { throw row.invalid("DATE_EFF", dateText, expected: dateExpectation) }
            let before = try side(of: row, suffix: "_AV", mayBeEmpty: kind == .created || isUnknown(kind))
            let after = try side(of: row, suffix: "_AP", mayBeEmpty: (kind == .removed || isUnknown(kind)) && before != nil)
            guard seen.insert(columns.map { row.text($0) }).inserted else { return }
            events.append(CommuneEvent(code: code, date: date, before: before, after: after, line: row.line))
        }
        return events
    }

    /// One side, nil when all its columns are empty and that is allowed.
    static func side(of row: DelimitedRow, suffix: String, mayBeEmpty: Bool) throws -> CommuneEvent.Side? {
        let typeColumn = "TYPECOM" + suffix, codeColumn = "COM" + suffix, nameColumn = "LIBELLE" + suffix
        if mayBeEmpty, ["TYPECOM", "COM", "TNCC", "NCC", "NCCENR", "LIBELLE"].allSatisfy({ row.text($0 + suffix).isEmpty }) {
            return nil
        }
        let typeText = try row.requiredText(typeColumn)
        guard let type = CommuneRecord.Kind(rawValue: typeText.uppercased()) else {
            throw row.invalid(typeColumn, typeText, expected: "COM, COMD, COMA ou ARM")
        }
        let code = try row.code(codeColumn, .commune)
        return CommuneEvent.Side(kind: type.rawValue, code: code, name: try row.requiredText(nameColumn))
    }

    static func isUnknown(_ kind: CommuneEvent.Kind) -> Bool {
        if case .other = kind { return true }
        return false
    }

    /// "10", "032" → the number; nil for anything but ASCII digits (signs, decimals, spaces).
    static func wholeCode(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy(TerritoryCodeFormat.isDigit) else { return nil }
        return Int(text)
    }

    /// "2026-01-01" or "01/01/2026" → "2026-01-01", when the day exists; nil otherwise.
    static func isoDate(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let digits = bytes[range]
            guard digits.allSatisfy(TerritoryCodeFormat.isDigit) else { return nil }
            return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        let day: CalendarDay?
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
           let year = number(0..<4), let month = number(5..<7), let dayOfMonth = number(8..<10) {
            day = CalendarDay(year: year, month: month, day: dayOfMonth)
        } else if bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"),
                  let dayOfMonth = number(0..<2), let month = number(3..<5), let year = number(6..<10) {
            day = CalendarDay(year: year, month: month, day: dayOfMonth)
        } else {
            day = nil
        }
        return day?.iso
    }
}
