import CLSCore
import FluentKit
import Foundation

/// The programme an import builds in memory before writing it: what exists, and what will be
/// written (`PlanImporter`).
struct PlanImportContext {
    let contractId: UUID
    let tx: Mutations
    var sections: [ProgrammeSection]
    let organisationsByName: [String: Organisation]
    var themesByLabel: [String: String]
    let regionCode: String
    let mayAddThemes: Bool
    /// Folded title → the actions of that title, existing first, then in the plan's order.
    var actionsByTitle: [String: [UUID]] = [:]
    var summary = PlanImporter.Summary()
    var newSections: [Int: [ProgrammeSection]] = [:]
    var actions: [Action] = []
    var subActions: [Action] = []
    var budgetLines: [BudgetLine] = []
    var links: [ActionLink] = []
    var newThemes: [RegionalTheme] = []
    /// Linked titles to resolve once every action is known.
    private var pendingLinks: [(action: Action, titles: [String])] = []

    init(contractId: UUID, tx: Mutations, sections: [ProgrammeSection], organisations: [Organisation], themes: [Theme],
         regionCode: String, mayAddThemes: Bool, existingActions: [Action]) {
        self.contractId = contractId
        self.tx = tx
        self.sections = sections
        self.organisationsByName = Dictionary(organisations.map { (SearchText.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        self.themesByLabel = Dictionary(themes.map { (SearchText.fold($0.label), $0.code) }, uniquingKeysWith: { first, _ in first })
        self.regionCode = regionCode
        self.mayAddThemes = mayAddThemes
        for action in existingActions { actionsByTitle[SearchText.fold(action.title), default: []].append(action.id!) }
    }

    mutating func importSection(_ plan: PlanSection, parent: ProgrammeSection?, depth: Int) async throws {
        let parentId = parent?.id
        let siblings = sections.filter { $0.$parent.id == parentId }
        let section: ProgrammeSection
        var position = 0
        if let same = siblings.first(where: { SearchText.fold($0.title) == SearchText.fold(plan.title) }) {
            section = same
            summary.sectionsReused += 1
            if let existingId = same.id, !newSections.values.contains(where: { $0.contains { $0 === same } }) {
                position = try await Action.query(on: tx.database).filter(\.$section.$id == existingId)
                    .filter(\.$parentAction.$id == nil).count()
            }
            position += actions.filter { $0.$section.id == same.id }.count
        } else {
            section = ProgrammeSection(contractId: contractId, parentId: parentId, kind: parent == nil ? .axis : .objective,
                                       title: plan.title, position: (siblings.map(\.position).max() ?? 0) + 1)
            section.id = UUID()
            sections.append(section)
            newSections[depth, default: []].append(section)
            summary.sectionsCreated += 1
        }
        let sectionId = try section.requireID()
        for planAction in plan.actions {
            position += 1
            let action = makeAction(planAction, sectionId: sectionId, parentId: nil, position: position)
            actions.append(action)
            summary.actions += 1
            for (index, sub) in planAction.subActions.enumerated() {
                subActions.append(makeAction(sub, sectionId: sectionId, parentId: action.id, position: index + 1))
                summary.subActions += 1
            }
        }
        for child in plan.children {
            try await importSection(child, parent: section, depth: depth + 1)
        }
    }

    mutating func makeAction(_ plan: PlanAction, sectionId: UUID, parentId: UUID?, position: Int) -> Action {
        let action = Action(contractId: contractId, sectionId: sectionId, parentActionId: parentId, title: plan.title, position: position)
        action.id = UUID()
        actionsByTitle[SearchText.fold(plan.title), default: []].append(action.id!)
        // The texts described by `ActionField` and stored as such, as written in the plan.
        for field in ActionField.spreadsheetFields where field != .title {
            if case .text(let planPath)? = field.plan, let path = Action.textFields[field.key] {
                action[keyPath: path] = plan[keyPath: planPath]
            }
        }
        action.plannedTotal = plan.plannedTotal
        action.amountsIncludeTax = plan.amountsIncludeTax
        // An empty status is no status: progress is never invented.
        action.status = plan.status?.rawValue ?? ""
        action.priority = plan.priority?.rawValue ?? ""
        action.startsOn = plan.startsOn?.iso
        action.endsOn = plan.endsOn?.iso
        action.isContinuous = plan.isContinuous
        action.determinantCodes = Action.join(plan.determinants)
        action.strategyCodes = Action.join(plan.strategies)
        action.publicCodes = Action.join(plan.publics)
        action.sectorCodes = Action.join(plan.sectors)
        action.lifeStageCodes = Action.join(plan.lifeStages)
        action.approach = plan.approach?.rawValue ?? ""
        action.istsAim = plan.istsAim?.rawValue ?? ""
        action.participation = plan.participation?.rawValue ?? ""
        action.isConfidential = plan.isConfidential
        action.isNew = false
        action.themeCodes = Action.join(plan.themes + plan.unlistedThemes.compactMap { unlistedTheme($0, of: action) })
        if !plan.unlistedPublics.isEmpty {
            addNote("Cibles : " + plan.unlistedPublics.joined(separator: ", "), to: action)
            summary.keptInNotes += plan.unlistedPublics.filter { !summary.keptInNotes.contains($0) }
        }
        // "Participation citoyenne" free text has no column of its own: it joins the partners' text when it is not a level.
        if plan.participation == nil, !plan.citizenParticipation.isEmpty {
            if let level = ParticipationLevel.match(plan.citizenParticipation) {
                action.participation = level.rawValue
            } else {
                action.partners = [action.partners, "Participation citoyenne : \(plan.citizenParticipation)"]
                    .filter { !$0.isEmpty }.joined(separator: "\n")
            }
        }
        if !plan.leadOrganisation.isEmpty {
            if let organisation = organisationsByName[SearchText.fold(plan.leadOrganisation)] {
                action.$leadOrganisation.id = organisation.id
            } else {
                action.leadOrganisationName = plan.leadOrganisation
                summary.unmatchedOrganisations.append(plan.leadOrganisation)
            }
        }
        for (index, funding) in plan.fundings.enumerated() where !funding.funder.isEmpty || funding.amount != nil {
            let line = BudgetLine(actionId: action.id!, contractId: contractId, funderName: funding.funder,
                                  year: funding.year ?? plan.startsOn?.year, planned: funding.amount)
            line.id = UUID()
            line.position = index + 1
            line.$funderOrganisation.id = organisationsByName[SearchText.fold(funding.funder)]?.id
            budgetLines.append(line)
            summary.budgetLines += 1
        }
        addWebLinks(plan.documentLinks, to: action)
        if !plan.linkedActions.isEmpty { pendingLinks.append((action, plan.linkedActions)) }
        return action
    }

    /// A theme outside the catalogue: added to the region's themes when the importer may manage
    /// them (an ARS officer), else kept in the fiche's notes.
    private mutating func unlistedTheme(_ label: String, of action: Action) -> String? {
        let key = SearchText.fold(label)
        if let code = themesByLabel[key] { return code }
        guard mayAddThemes else {
            addNote("Thème : \(label)", to: action)
            if !summary.keptInNotes.contains(label) { summary.keptInNotes.append(label) }
            return nil
        }
        let theme = RegionalTheme(regionCode: regionCode, theme: Theme(label: label))
        theme.id = UUID()
        newThemes.append(theme)
        themesByLabel[key] = theme.code
        summary.themesAdded.append(label)
        return theme.code
    }

    private func addNote(_ line: String, to action: Action) {
        action.notes = [action.notes, line].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// "Documents et liens": one link per line ("Libellé : https://…", an address alone, "www.…");
    /// a line that is no link joins the notes.
    private mutating func addWebLinks(_ text: String, to action: Action) {
        for line in text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty {
            guard let link = WebLinkText.parse(line) else {
                addNote("Documents et liens : \(line)", to: action)
                continue
            }
            let row = ActionLink(actionId: action.id!, contractId: contractId, label: link.label, url: link.url)
            row.id = UUID()
            links.append(row)
            summary.links += 1
        }
    }

    /// Links between actions, by title: the only action of that title in the programme (the one
    /// of the plan when the title is also an existing action's); a title naming none is kept as a
    /// fiche of another plan.
    mutating func resolveLinks() {
        for (action, titles) in pendingLinks {
            var unresolved: [String] = []
            for title in titles {
                let candidates = (actionsByTitle[SearchText.fold(title)] ?? []).filter { $0 != action.id }
                guard let target = candidates.last else {
                    unresolved.append(title)
                    continue
                }
                let row = ActionLink(actionId: action.id!, contractId: contractId, label: title, url: "", relatedActionId: target)
                row.id = UUID()
                links.append(row)
                summary.links += 1
            }
            if !unresolved.isEmpty {
                action.linkedPlanActions = ([action.linkedPlanActions] + unresolved).filter { !$0.isEmpty }.joined(separator: "\n")
                summary.unresolvedLinks += unresolved.filter { !summary.unresolvedLinks.contains($0) }
            }
        }
    }
}

/// A web link written as text: "Libellé : https://…", "https://…" or "www.…".
enum WebLinkText {
    static func parse(_ line: String) -> (label: String, url: String)? {
        let lower = line.lowercased()
        let start = lower.range(of: "https://")?.lowerBound ?? lower.range(of: "http://")?.lowerBound
        if let start {
            let offset = lower.distance(from: lower.startIndex, to: start)
            let urlStart = line.index(line.startIndex, offsetBy: offset)
            let url = String(line[urlStart...].prefix { !$0.isWhitespace })
            var label = String(line[..<urlStart]).trimmingCharacters(in: .whitespaces)
            while let last = label.last, [":", "-", "–", "—"].contains(last) { label = String(label.dropLast()).trimmingCharacters(in: .whitespaces) }
            guard isWebAddress(url) else { return nil }
            return (label.isEmpty ? url : label, url)
        }
        if lower.hasPrefix("www."), !line.contains(where: \.isWhitespace) {
            let url = "https://" + line
            return isWebAddress(url) ? (line, url) : nil
        }
        return nil
    }

    static func isWebAddress(_ text: String) -> Bool {
        guard text.count <= 2000, let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
              let host = url.host, host.contains(".") else { return false }
        return true
    }

    /// The line the exporter writes for a link: the address alone when the label is the address.
    static func line(label: String, url: String) -> String {
        label == url || label.isEmpty ? url : "\(label) : \(url)"
    }
}
