import CLSCore
import Foundation

/// The values of one row of a plan sheet, column by column.
extension PlanSheetReading {
    func readAction(_ row: Int, title: String) -> PlanAction {
        var action = PlanAction(title: title)
        // Texts (and the lead organisation's name) are taken as written, field by field.
        for field in ActionField.spreadsheetFields where field != .title {
            if case .text(let path)? = field.plan { action[keyPath: path] = text(row, .field(field)) }
        }
        splitLeadOrganisation(row, &action)
        readFundings(row, &action)
        action.plannedTotal = readAmount(row, .field(.plannedTotal))
        action.amountsIncludeTax = columns[.field(.amountsIncludeTax)] != nil && cell(row, .field(.amountsIncludeTax)) != nil
            ? readFlag(row, .field(.amountsIncludeTax), otherwise: "les montants sont lus hors taxes.")
            : amountsIncludeTax
        action.status = readTerm(row, .field(.status), statuses, "statut inconnu")
        action.priority = readTerm(row, .field(.priority), priorities, "niveau de priorité inconnu")
        action.startsOn = readDate(row, .field(.startsOn))
        action.endsOn = readDate(row, .field(.endsOn))
        if let start = action.startsOn, let end = action.endsOn, end < start {
            warn(row: row, column: .field(.endsOn), value: text(row, .field(.endsOn)),
                 "la date de fin précède la date de début (\(PlanSpreadsheetFormat.frenchDate(start))).")
        }
        action.isContinuous = readFlag(row, .field(.isContinuous), otherwise: "l'action n'est pas marquée en amélioration continue.")
        action.linkedActions = readTitles(row, .field(.linkedActions))
        readThemes(row, &action)
        action.determinants = readCodes(row, .field(.determinants), "déterminant ISTS inconnu (attendu un code comme D2.2.4 ou un libellé)") {
            ISTSTaxonomy.determinants.match($0)?.code
        }
        action.strategies = readCodes(row, .field(.strategies), "stratégie ISTS inconnue (attendu un code comme S4.1 ou un libellé)") {
            ISTSTaxonomy.strategies.match($0)?.code
        }
        readPublics(row, &action)
        action.sectors = readCodes(row, .field(.sectors), "secteur inconnu") { self.sectors.match($0)?.code }
        action.lifeStages = readCodes(row, .field(.lifeStages), "âge de la vie inconnu") { self.lifeStages.match($0)?.code }
        action.approach = readTerm(row, .field(.approach), approaches, "approche inconnue")
        action.istsAim = readTerm(row, .field(.istsAim), aims, "visée ISTS inconnue")
        if columns[.field(.participation)] != nil {
            action.participation = readTerm(row, .field(.participation), participations, "niveau de participation inconnu")
        } else {
            action.participation = participationLevel(tetValue: action.citizenParticipation)
        }
        action.isConfidential = readFlag(row, .field(.isConfidential), otherwise: "l'action n'est pas marquée confidentielle.")
        return action
    }

    /// A fiche has one lead organisation: of "A, B", A leads and B joins the partners.
    private func splitLeadOrganisation(_ row: Int, _ action: inout PlanAction) {
        let names = PlanSpreadsheetFormat.splitList(action.leadOrganisation)
        guard names.count > 1 else { return }
        action.leadOrganisation = names[0]
        let others = Array(names.dropFirst())
        action.partners = ([action.partners] + others).filter { !$0.isEmpty }.joined(separator: ", ")
        warn(row: row, column: .field(.leadOrganisation), value: names.joined(separator: ", "),
             "une fiche action a une seule structure pilote : « \(names[0]) » la pilote, \(others.map { "« \($0) »" }.joined(separator: ", ")) \(others.count > 1 ? "sont ajoutées" : "est ajoutée") aux partenaires.")
    }

    private func readFundings(_ row: Int, _ action: inout PlanAction) {
        let years = readYears(row)
        for (position, number) in funderNumbers.enumerated() {
            let funder = text(row, .funder(number))
            let amount = readAmount(row, .amount(number))
            if funder.isEmpty {
                guard let amount else { continue }
                warn(row: row, column: .amount(number), value: XLSXCell.format(amount),
                     "montant sans financeur : renseignez la colonne « \(header(of: .funder(number))) ».")
            }
            let year = years.map { position < $0.count ? $0[position] : nil } ?? nil
            action.fundings.append(PlanFunding(funder: funder, amount: amount, year: year))
        }
    }

    /// CLS Pilot's "Années des financements": one entry per funder column, empty for none.
    private func readYears(_ row: Int) -> [Int?]? {
        let raw = text(row, .fundingYears)
        guard !raw.isEmpty else { return nil }
        return raw.split(separator: ",", omittingEmptySubsequences: false).map { entry in
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard let year = Int(trimmed), (1900...2200).contains(year) else {
                warn(row: row, column: .fundingYears, value: trimmed, "année illisible : la ligne de financement est gardée sans année.")
                return nil
            }
            return year
        }
    }

    /// TeT's "Thématique principale" and "Sous-thématiques", or CLS Pilot's "Thèmes".
    private func readThemes(_ row: Int, _ action: inout PlanAction) {
        for column in [PlanColumn.field(.themes), .subThemes] {
            for entry in PlanSpreadsheetFormat.splitList(text(row, column)) {
                if let code = themes.match(entry)?.code {
                    if !action.themes.contains(code) { action.themes.append(code) }
                } else if !action.unlistedThemes.contains(where: { SearchText.fold($0) == SearchText.fold(entry) }) {
                    action.unlistedThemes.append(entry)
                    warn(row: row, column: column, value: entry,
                         "thème absent du catalogue de la région : il sera ajouté aux thèmes de la région si vous pouvez les gérer (agent de l'ARS), sinon gardé dans les notes de la fiche.")
                }
            }
        }
    }

    /// "Publics" (CLS Pilot) or "Cibles" (TeT): publics of the catalogue; other targets kept by label.
    private func readPublics(_ row: Int, _ action: inout PlanAction) {
        for entry in PlanSpreadsheetFormat.splitList(text(row, .field(.publics))) {
            if let code = publics.match(entry)?.code {
                if !action.publics.contains(code) { action.publics.append(code) }
            } else if !action.unlistedPublics.contains(entry) {
                action.unlistedPublics.append(entry)
                warn(row: row, column: .field(.publics), value: entry,
                     "public absent de la liste des publics visés : il est gardé dans les notes de la fiche (« Cibles : … »).")
            }
        }
    }

    /// Titles of linked actions: one per line, or separated by semicolons, or by commas.
    private func readTitles(_ row: Int, _ column: PlanColumn) -> [String] {
        let raw = text(row, column)
        guard !raw.isEmpty else { return [] }
        let separator: (Character) -> Bool = raw.contains(where: \.isNewline) ? { $0.isNewline }
            : raw.contains(";") ? { $0 == ";" } : { $0 == "," }
        var titles: [String] = []
        for entry in raw.split(whereSeparator: separator) {
            let title = entry.trimmingCharacters(in: .whitespaces)
            if !title.isEmpty, !titles.contains(title) { titles.append(title) }
        }
        return titles
    }

    /// TeT's list reads "Pas de participation citoyenne", "Information"… "Co-construction".
    private func participationLevel(tetValue text: String) -> ParticipationLevel? {
        guard !text.isEmpty else { return nil }
        if let level = participations.match(text) { return level }
        let key = VocabularyMatching.fold(text)
        guard key.hasSuffix(" citoyenne") else { return nil }
        return participations.match(String(key.dropLast(" citoyenne".count)))
    }

    private func readAmount(_ row: Int, _ column: PlanColumn) -> Double? {
        guard let cell = cell(row, column) else { return nil }
        switch cell {
        case .number(let value) where value.isFinite:
            return value
        case .text(let raw):
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return nil }
            var candidate = trimmed
            for suffix in ["ttc", "ht"] where candidate.lowercased().hasSuffix(suffix) {
                candidate = String(candidate.dropLast(suffix.count))
                break
            }
            if let value = FrenchNumber.parse(candidate) { return value }
        default:
            break
        }
        error(row: row, column: column, value: cell.stringValue,
              "montant illisible : saisissez un nombre en euros (par exemple 12500 ou 12 500,50). Corrigez la cellule : le fichier n'est pas importé tant qu'elle reste illisible.")
        return nil
    }

    private func readDate(_ row: Int, _ column: PlanColumn) -> CalendarDay? {
        guard let cell = cell(row, column) else { return nil }
        switch cell {
        case .number(let serial):
            if let day = CalendarDay(excelSerial: serial, date1904: date1904) { return day }
        case .text(let raw):
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return nil }
            if let (day, reading) = PlanDateText.parse(trimmed) {
                if reading == .monthFirst {
                    warn(row: row, column: column, value: trimmed,
                         "date écrite mois d'abord (à l'américaine) : lue comme le \(FrenchFormat.date(day)), puisque \(day.day) ne peut pas être un mois. Vérifiez-la après l'import.")
                }
                return day
            }
        default:
            break
        }
        // A date that cannot be read is left out, not the row: the plan is still worth importing.
        warn(row: row, column: column, value: cell.stringValue,
             "date illisible : elle doit être au format JJ/MM/AAAA (par exemple 31/12/2025) ; cette date n'est pas importée, le reste de la ligne l'est.")
        return nil
    }

    private func readTerm<Term: VocabularyTerm & CaseIterable>(_ row: Int, _ column: PlanColumn, _ matcher: VocabularyMatcher<Term>,
                                                               _ problem: String) -> Term? {
        let raw = text(row, column)
        guard !raw.isEmpty else { return nil }
        if let term = matcher.match(raw) { return term }
        let allowed = Term.allCases.map(\.label).joined(separator: ", ")
        warn(row: row, column: column, value: raw, "\(problem) : la valeur est ignorée. Valeurs possibles : \(allowed).")
        return nil
    }

    private func readCodes(_ row: Int, _ column: PlanColumn, _ problem: String, match: (String) -> String?) -> [String] {
        var codes: [String] = []
        for entry in PlanSpreadsheetFormat.splitList(text(row, column)) {
            if let code = match(entry) {
                if !codes.contains(code) { codes.append(code) }
            } else {
                warn(row: row, column: column, value: entry,
                     "\(problem) : l'entrée est ignorée. Les codes et libellés acceptés sont dans la feuille « \(PlanSpreadsheetFormat.listsSheetName) » du modèle CLS Pilot.")
            }
        }
        return codes
    }

    /// Oui/Non, VRAI/FAUX, TRUE/FALSE, 1/0 or a boolean cell; `otherwise` says what an unknown value gives.
    private func readFlag(_ row: Int, _ column: PlanColumn, otherwise: String) -> Bool {
        guard let cell = cell(row, column) else { return false }
        switch cell {
        case .bool(let flag): return flag
        case .number(let value) where value == 0 || value == 1: return value == 1
        default: break
        }
        let key = VocabularyMatching.fold(cell.stringValue)
        if key.isEmpty { return false }
        if ["oui", "o", "vrai", "true", "yes", "x", "confidentielle", "confidentiel", "ttc"].contains(key) { return true }
        if ["non", "n", "faux", "false", "no", "publique", "public", "ht"].contains(key) { return false }
        warn(row: row, column: column, value: cell.stringValue, "valeur inconnue : indiquez « Oui » ou « Non ». En attendant, \(otherwise)")
        return false
    }
}
