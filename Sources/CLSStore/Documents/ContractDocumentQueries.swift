import CLSCore
import FluentKit
import Foundation

/// Gathers the contract document's content (`ContractDocumentContent`) in words, in a fixed
/// number of queries: the contract's identity, signatories and partners, perimeter, governance
/// bodies, the programme with every field of its actions, budgets and indicators, and the
/// coordinator's texts (or the defaults).
public enum ContractDocumentQueries {
    public static func load(_ contract: Contract, on database: any Database) async throws -> ContractDocumentContent {
        let contractId = try contract.requireID()
        let signatories = try await Signatory.query(on: database).filter(\.$contract.$id == contractId).with(\.$organisation).all()
        let partners = try await Partner.query(on: database).filter(\.$contract.$id == contractId).with(\.$organisation).all()
        let bodies = try await GovernanceBody.query(on: database).filter(\.$contractId == contractId).sort(\.$name).all()
        let tree = try await ProgrammeTree.load(contractId: contractId, on: database)
        let lines = try await BudgetLine.query(on: database).filter(\.$contractId == contractId)
            .filter(\.$unit == BudgetUnit.euros.rawValue).sort(\.$position).sort(\.$year).sort(\.$id).all()
        let indicators = try await Indicator.query(on: database).filter(\.$contractId == contractId).with(\.$values).sort(\.$name).all()
        let leadIds = Set(tree.actions.compactMap { $0.$leadOrganisation.id })
        let leads = leadIds.isEmpty ? [] : try await Organisation.query(on: database).filter(\.$id ~~ leadIds).all()
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: database)
        let texts = try await ContractText.query(on: database).filter(\.$contractId == contractId).all()
        let perimeter = try await Perimeters.current(contractId: contractId, on: database)
        var coverage: Perimeters.Coverage?
        if let perimeter { coverage = try await Perimeters.coverage(of: perimeter, on: database) }

        let region = AdministrativeAreas.region(contract.regionCode)?.name ?? ""
        let department = AdministrativeAreas.department(contract.departmentCode)?.name ?? ""
        let day = { (text: String?) -> String in FrenchFormat.date(iso: text) }
        let generation = contract.generation <= 1 ? "1re génération" : "\(contract.generation)e génération"
        var facts: [ContractDocumentContent.Line] = []
        func fact(_ label: String, _ value: String) { if !value.isEmpty { facts.append(.init(label, value)) } }
        fact("Territoire", contract.territoryLabel)
        fact("Département", department)
        fact("Région", region)
        fact("Génération", generation)
        fact("Diagnostic local de santé partagé", day(contract.diagnosticOn))
        fact("Signature", day(contract.signedOn))
        fact("Durée", contract.durationYears.map { FrenchFormat.count($0, singular: "an", plural: "ans") } ?? "")
        if let start = contract.startsOn {
            fact("Période", contract.endsOn.map { "du \(day(start)) au \(day($0))" } ?? "à partir du \(day(start))")
        }

        let parties = signatories.map { signatory in
            ContractDocumentContent.Party(
                organisation: signatory.organisation.name, kind: OrganisationKind(rawValue: signatory.organisation.kind)?.label ?? "",
                representative: signatory.representative, role: signatory.representativeRole,
                deliberationOn: day(signatory.deliberationOn), signedOn: day(signatory.signedOn))
        }
        let leadNames = Dictionary(uniqueKeysWithValues: leads.map { ($0.id!, $0.name) })
        let linesByAction = Dictionary(grouping: lines, by: { $0.$action.id })
        let indicatorsByAction = Dictionary(grouping: indicators, by: { $0.$action.id })

        // The programme: sections numbered from their place, fiches actions numbered within them.
        var sections: [ContractDocumentContent.Section] = []
        var sheets: [ContractDocumentContent.ActionSheet] = []
        func walk(_ node: ProgrammeTree.SectionNode, number: String, path: [String]) {
            let kind = node.section.sectionKind == .axis ? "Axe" : "Objectif"
            let place = path + ["\(kind) \(number) – \(node.section.title)"]
            sections.append(.init(number: number, title: node.section.title, kind: kind, summary: node.section.summary,
                                  depth: node.depth, actionTitles: node.actions.map(\.action.title)))
            for (index, action) in node.actions.enumerated() {
                sheets.append(sheet(action, number: "\(number).\(index + 1)", place: place.joined(separator: " › ")))
            }
            for (index, child) in node.children.enumerated() { walk(child, number: "\(number).\(index + 1)", path: place) }
        }
        func sheet(_ node: ProgrammeTree.ActionNode, number: String, place: String) -> ContractDocumentContent.ActionSheet {
            let action = node.action
            let euros = { (value: Double) in FrenchFormat.euros(value) + (action.amountsIncludeTax ? "\u{00A0}TTC" : "") }
            func labels(_ codes: String, _ label: (String) -> String?) -> String {
                codes.split(separator: ",").map { label(String($0)) ?? String($0) }.joined(separator: ", ")
            }
            func field(_ described: ActionField, _ value: String) -> ContractDocumentContent.Line { .init(described.label, value) }
            func text(_ described: ActionField) -> ContractDocumentContent.Line {
                field(described, Action.textFields[described.key].map { action[keyPath: $0] } ?? "")
            }
            let fields: [ContractDocumentContent.Line] = [
                text(.summary), text(.objectives), text(.expectedResults),
                text(.logicProblem), text(.logicDeterminant), text(.logicStrategy), text(.logicIntermediateResults),
                field(.status, ActionStatus(rawValue: action.status)?.label ?? ""),
                field(.priority, ActionPriority(rawValue: action.priority)?.label ?? ""),
                field(.startsOn, day(action.startsOn)), field(.endsOn, day(action.endsOn)),
                field(.isContinuous, action.isContinuous ? "Oui" : ""), text(.schedule),
                field(.leadOrganisation, action.$leadOrganisation.id.flatMap { leadNames[$0] } ?? action.leadOrganisationName),
                text(.leadService), text(.leadPeople), text(.electedReferent), text(.partners), text(.governanceBody),
                text(.means), text(.places), text(.territoryScope),
                field(.publics, labels(action.publicCodes) { code in PublicTarget.defaults.first { $0.code == code }?.label }),
                field(.lifeStages, labels(action.lifeStageCodes) { LifeCourseStage(rawValue: $0)?.label }),
                field(.themes, labels(action.themeCodes) { code in themes.first { $0.code == code }?.label }),
                field(.determinants, labels(action.determinantCodes) { code in ISTSTaxonomy.node(code: code).map { "\($0.code) \($0.label)" } }),
                field(.strategies, labels(action.strategyCodes) { code in ISTSTaxonomy.node(code: code).map { "\($0.code) \($0.label)" } }),
                field(.sectors, labels(action.sectorCodes) { CompetenceDomain(rawValue: $0)?.label }),
                field(.approach, InterventionApproach(rawValue: action.approach)?.label ?? ""),
                field(.istsAim, ISTSAim(rawValue: action.istsAim)?.label ?? ""),
                field(.participation, ParticipationLevel(rawValue: action.participation)?.label ?? ""),
                field(.plannedTotal, action.plannedTotal.map(euros) ?? ""), text(.financingNotes), text(.linkedIndicators),
                text(.notes), text(.linkedPlanActions),
            ]
            let budget = (linesByAction[action.id!] ?? []).map { line in
                [line.funderName.isEmpty ? "Financeur non précisé" : line.funderName, line.year.map(String.init) ?? "—",
                 line.planned.map(euros) ?? "—"]
            }
            let measures = (indicatorsByAction[action.id!] ?? []).map { indicator in
                [indicator.name, indicator.unit,
                 indicator.baselineValue.map { FrenchFormat.number($0) } ?? "—",
                 indicator.values.sorted { $0.year < $1.year }.compactMap { value in
                     value.target.map { "\(value.year) : \(FrenchFormat.number($0))" }
                 }.joined(separator: " ; ")]
            }
            return .init(id: action.id?.uuidString ?? "", number: number, title: action.title, place: place, fields: fields,
                         subActions: node.subActions.map(\.action.title), budget: budget, indicators: measures)
        }
        for (index, axis) in tree.axes.enumerated() { walk(axis, number: "\(index + 1)", path: []) }

        // Financing: planned amounts by funder (largest first) and by year, each with its total.
        var byFunder: [String: Double] = [:], byYear: [Int: Double] = [:]
        for line in lines {
            guard let planned = line.planned else { continue }
            byFunder[line.funderName.isEmpty ? "Financeur non précisé" : line.funderName, default: 0] += planned
            if let year = line.year { byYear[year, default: 0] += planned }
        }
        let total = byFunder.values.reduce(0, +)
        let funderRows = byFunder.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { [$0.key, FrenchFormat.euros($0.value)] }
        let yearRows = byYear.sorted { $0.key < $1.key }.map { [String($0.key), FrenchFormat.euros($0.value)] }

        let context = ContractDocumentPart.Context(
            name: contract.name, territory: contract.territoryLabel, durationYears: contract.durationYears,
            startsOn: contract.startsOn.flatMap(CalendarDay.init(parsing:)), diagnosticOn: contract.diagnosticOn.flatMap(CalendarDay.init(parsing:)))
        let own = Dictionary(texts.compactMap { text in ContractDocumentPart(rawValue: text.part).map { ($0, text.text) } }, uniquingKeysWith: { first, _ in first })
        var partTexts: [ContractDocumentPart: String] = [:]
        for part in ContractDocumentPart.allCases { partTexts[part] = own[part] ?? part.defaultText(context) }

        return ContractDocumentContent(
            name: contract.name,
            subtitle: "Contrat local de santé" + ([department, region].filter { !$0.isEmpty }.isEmpty ? "" : " — " + [department, region].filter { !$0.isEmpty }.joined(separator: ", ")),
            facts: facts, parties: parties,
            partners: partners.map { .init($0.organisation.name, $0.contribution) },
            perimeter: coverage.map { "\($0.perimeter.label) : \(FrenchFormat.count($0.communes.count, singular: "commune", plural: "communes")), \(FrenchFormat.count($0.population, singular: "habitant", plural: "habitants"))." } ?? "",
            communes: coverage?.communes.map { "\($0.name) (\($0.code))" } ?? [],
            governanceBodies: bodies.map { body in
                .init(body.name, [GovernanceBodyKind(rawValue: body.kind)?.label ?? "", body.chairs.isEmpty ? "" : "présidence : \(body.chairs)", body.purpose]
                    .filter { !$0.isEmpty }.joined(separator: " ; "))
            },
            sections: sections, actions: sheets,
            financingByFunder: funderRows.isEmpty ? [] : funderRows + [["Total", FrenchFormat.euros(total)]],
            financingByYear: yearRows, texts: partTexts)
    }
}
