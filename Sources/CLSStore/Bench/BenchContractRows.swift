import CLSCore
import FluentKit
import Foundation

extension BenchDataset {
    /// What is decided for a contract before its rows are written: id, state, area, organisation.
    struct ContractPlan: Sendable {
        let index: Int
        let id: UUID
        let area: Area
        let state: ContractState
        let generation: Int
        let signedYear: Int
        let organisation: Organisation

        static let states: [(ContractState, Int)] = [
            (.miseEnOeuvre, 55), (.signe, 10), (.evaluation, 10), (.elaboration, 10), (.diagnostic, 5),
            (.emergence, 3), (.renouvele, 4), (.clos, 3),
        ]

        init(index: Int, area: Area, random: inout SeededGenerator) {
            self.index = index
            self.area = area
            id = random.uuid()
            var roll = random.int(1...100)
            var chosen = ContractState.miseEnOeuvre
            for (state, weight) in Self.states {
                if roll <= weight { chosen = state; break }
                roll -= weight
            }
            state = chosen
            generation = random.int(1...3)
            signedYear = random.int(2019...2025)
            organisation = Organisation(id: random.uuid(), name: "Collectivité de \(area.label)",
                                        kind: area.epciSiren == nil ? .commune : .epci,
                                        regionCode: area.regionCode, departmentCode: area.departmentCode)
        }

        var isSigned: Bool { ![.emergence, .prefiguration, .diagnostic, .elaboration].contains(state) }
    }

    /// The rows of a batch of contracts, written table by table in dependency order.
    struct Rows {
        var contracts: [Contract] = []
        var signatories: [Signatory] = []
        var perimeters: [ContractPerimeter] = []
        var perimeterCommunes: [PerimeterCommune] = []
        var sections: [ProgrammeSection] = []
        var actions: [Action] = []
        var subActions: [Action] = []
        var codes: [ActionCode] = []
        var budgetLines: [BudgetLine] = []
        var indicators: [Indicator] = []
        var values: [IndicatorValue] = []
        var bodies: [GovernanceBody] = []
        var meetings: [Meeting] = []
        var decisions: [Decision] = []
        var posts: [CoordinatorPost] = []

        var counts: [(String, Int)] {
            [(Contract.schema, contracts.count), (Signatory.schema, signatories.count), (ContractPerimeter.schema, perimeters.count), (PerimeterCommune.schema, perimeterCommunes.count),
             (ProgrammeSection.schema, sections.count), (Action.schema, actions.count + subActions.count),
             (ActionCode.schema, codes.count), (BudgetLine.schema, budgetLines.count), (Indicator.schema, indicators.count),
             (IndicatorValue.schema, values.count), (GovernanceBody.schema, bodies.count), (Meeting.schema, meetings.count),
             (Decision.schema, decisions.count), (CoordinatorPost.schema, posts.count)]
        }

        /// Table by table in dependency order: the big tables as plain rows (`BulkRow`), the
        /// few rows per contract of the others through Fluent.
        func write(on database: any Database) async throws {
            try await insert(contracts, on: database)
            try await insert(signatories, on: database)
            try await insert(perimeters, on: database)
            try await BulkInsert.write(perimeterCommunes, on: database)
            try await BulkInsert.write(sections.filter { $0.$parent.id == nil }, on: database)
            try await BulkInsert.write(sections.filter { $0.$parent.id != nil }, on: database)
            try await BulkInsert.write(actions, on: database)
            try await BulkInsert.write(subActions, on: database)
            try await BulkInsert.write(codes, on: database)
            try await BulkInsert.write(budgetLines, on: database)
            try await BulkInsert.write(indicators, on: database)
            try await BulkInsert.write(values, on: database)
            try await insert(bodies, on: database)
            try await BulkInsert.write(meetings, on: database)
            try await BulkInsert.write(decisions, on: database)
            try await insert(posts, on: database)
        }

        static let axes = ["Accès aux droits et aux soins", "Prévention et promotion de la santé", "Santé mentale",
                           "Santé-environnement et cadre de vie", "Parcours des personnes âgées", "Coordination et observation"]
        static let subjects: [(theme: String, title: String, determinants: [String], strategies: [String])] = [
            ("acces_aux_soins", "Bus santé dans les quartiers prioritaires", ["D5.1.1", "D5.1.2"], ["S4.1"]),
            ("acces_aux_soins", "Accompagnement vers l'ouverture des droits de santé", ["D5.1.2"], ["S4.1", "S5.1"]),
            ("amelioration_systeme_soins", "Maison de santé pluriprofessionnelle", ["D5.4"], ["S4.2"]),
            ("sante_mentale", "Conseil local de santé mentale", ["D5.4", "D3.1"], ["S4.2", "S5.1"]),
            ("sante_mentale", "Premiers secours en santé mentale", ["D4.2.2"], ["S1.3"]),
            ("nutrition", "Ateliers cuisine et nutrition pour les familles", ["D4.1.5"], ["S1.2"]),
            ("nutrition", "Activité physique adaptée sur prescription", ["D4.1.6"], ["S4.1"]),
            ("addictions", "Prévention des addictions chez les jeunes", ["D4.1.3"], ["S1.2", "S2.2"]),
            ("sante_environnement", "Repérage de l'habitat indigne", ["D2.2.4"], ["S3.1"]),
            ("sante_environnement", "Qualité de l'air intérieur dans les écoles", ["D2.2.1"], ["S3.1", "S1.3"]),
            ("cancer", "Dépistage organisé des cancers", ["D4.3.2"], ["S1.1", "S4.1"]),
            ("sante_bucco_dentaire", "Santé bucco-dentaire des enfants", ["D4.2.1"], ["S1.2"]),
            ("sante_femmes_enfants", "Parcours périnatalité", ["D5.4"], ["S4.2"]),
            ("sante_sexuelle", "Santé sexuelle des jeunes", ["D4.1.4"], ["S1.1"]),
            ("vaccination", "Rattrapage vaccinal en centre social", ["D4.3.2"], ["S4.3"]),
            ("autre", "Observation locale de la santé", ["D6.2"], ["S5.2"]),
        ]
        static let funders = ["ARS", "Commune", "Département", "CPAM", "Région", "Préfecture", "CAF", "MILDECA"]
        static let channels = ["Fonds d'intervention régional", "Appel à projets", "Droit commun", "Contrat de ville"]
        static let publics = ["tout_public", "parents", "jeunes", "personnes_agees", "habitants_qpv", "personnes_precaires"]

        mutating func add(plan: ContractPlan, ars: Organisation, sizes: Sizes, pilots: [UUID], random: inout SeededGenerator) {
            let id = plan.id
            let contract = Contract(id: id, name: "CLS \(plan.area.label) n° \(plan.index + 1)", generation: plan.generation,
                                    state: plan.state, regionCode: plan.area.regionCode, departmentCode: plan.area.departmentCode,
                                    territoryLabel: plan.area.label)
            if plan.isSigned {
                contract.signedOn = "\(plan.signedYear)-0\(random.int(1...9))-1\(random.int(0...9))"
                contract.startsOn = contract.signedOn
                contract.endsOn = "\(plan.signedYear + 5)-12-31"
                contract.durationYears = 5
            }
            contract.isPublished = plan.isSigned && random.chance(0.3)
            contract.summary = "Contrat local de santé de \(plan.area.label), génération \(plan.generation)."
            contract.refreshSearchText()
            contracts.append(contract)
            for organisation in [ars, plan.organisation] {
                let signatory = Signatory(contractId: id, organisationId: organisation.id!, representative: "Représentant",
                                          representativeRole: "Signataire", signedOn: contract.signedOn)
                signatory.id = random.uuid()
                signatories.append(signatory)
            }
            if let siren = plan.area.epciSiren {
                let perimeter = ContractPerimeter(contractId: id, kind: .epci, epciSiren: siren, communeCodes: plan.area.communes,
                                                  focusQPVCodes: [], validFrom: CalendarDay(year: plan.signedYear, month: 1, day: 1)!,
                                                  label: plan.area.label)
                perimeter.id = random.uuid()
                perimeters.append(perimeter)
                for code in Set(plan.area.communes).sorted() {
                    perimeterCommunes.append(PerimeterCommune(id: random.uuid(), perimeterId: perimeter.id!, contractId: id, communeCode: code))
                }
            }
            addProgramme(contractId: id, plan: plan, sizes: sizes, pilots: pilots, random: &random)
            addGovernance(contractId: id, plan: plan, sizes: sizes, random: &random)
        }

        mutating func addProgramme(contractId: UUID, plan: ContractPlan, sizes: Sizes, pilots: [UUID], random: inout SeededGenerator) {
            var objectives: [UUID] = []
            for (axisIndex, axisTitle) in Self.axes.prefix(4).enumerated() {
                let axis = ProgrammeSection(contractId: contractId, parentId: nil, kind: .axis, title: axisTitle, position: axisIndex + 1)
                axis.id = random.uuid()
                sections.append(axis)
                for objectiveIndex in 0..<2 {
                    let objective = ProgrammeSection(contractId: contractId, parentId: axis.id, kind: .objective,
                                                     title: "Objectif \(axisIndex + 1).\(objectiveIndex + 1)", position: objectiveIndex + 1)
                    objective.id = random.uuid()
                    sections.append(objective)
                    objectives.append(objective.id!)
                }
            }
            let firstYear = CalendarDay(Date()).year - sizes.years + 1
            let statuses: [ActionStatus] = [.inProgress, .inProgress, .inProgress, .done, .upcoming, .late, .paused]
            for number in 1...max(1, sizes.actionsPerContract) {
                let subject = random.pick(Self.subjects)
                let sectionId = objectives[(number - 1) % objectives.count]
                let action = Action(contractId: contractId, sectionId: sectionId, title: "\(subject.title) (\(number))", position: number)
                action.id = random.uuid()
                action.summary = "\(subject.title) à \(plan.area.label) : une action du contrat n° \(plan.index + 1) menée avec les partenaires du territoire."
                action.objectives = "Réduire les écarts de santé entre les quartiers et améliorer le recours à la prévention."
                let status = random.pick(statuses)
                action.status = status.rawValue
                action.priority = random.pick(ActionPriority.allCases).rawValue
                let startYear = random.int(firstYear...(firstYear + sizes.years - 1))
                action.startsOn = "\(startYear)-01-15"
                action.endsOn = "\(startYear + random.int(0...3))-12-31"
                action.themeCodes = Action.join([subject.theme] + (random.chance(0.06) ? [random.pick(Self.subjects).theme] : []))
                action.determinantCodes = Action.join(subject.determinants)
                action.strategyCodes = Action.join(subject.strategies)
                action.publicCodes = Action.join([random.pick(Self.publics)])
                action.sectorCodes = Action.join(random.chance(0.4) ? ["sante", "social"] : ["sante"])
                action.approach = random.pick(InterventionApproach.allCases).rawValue
                action.participation = random.pick(ParticipationLevel.allCases).rawValue
                action.istsAim = random.pick(ISTSAim.allCases).rawValue
                action.isConfidential = random.chance(0.03)
                action.isNew = random.chance(0.5)
                if !pilots.isEmpty, random.chance(0.5) { action.$pilotUser.id = random.pick(pilots) }
                action.leadOrganisationName = "Collectivité de \(plan.area.label)"
                action.refreshSearchText()
                actions.append(action)
                for (scheme, list) in action.codesByScheme {
                    for code in list {
                        let row = ActionCode(actionId: action.id!, contractId: contractId, scheme: scheme, code: code)
                        row.id = random.uuid()
                        codes.append(row)
                    }
                }
                for sub in 0..<sizes.subActionsPerAction {
                    let child = Action(contractId: contractId, sectionId: sectionId, parentActionId: action.id,
                                       title: "Étape \(sub + 1) : \(subject.title.lowercased())", position: sub + 1)
                    child.id = random.uuid()
                    child.status = action.status
                    child.refreshSearchText()
                    subActions.append(child)
                }
                for year in firstYear..<(firstYear + sizes.years) {
                    for _ in 0..<sizes.budgetLinesPerYear {
                        let line = BudgetLine(actionId: action.id!, contractId: contractId, funderName: random.pick(Self.funders),
                                              year: year, planned: Double(random.int(10...400)) * 100)
                        line.id = random.uuid()
                        line.channel = random.pick(Self.channels)
                        if year < CalendarDay(Date()).year { line.actual = (line.planned ?? 0) * Double(random.int(60...110)) / 100; line.status = "accorde" }
                        budgetLines.append(line)
                    }
                }
                for number in 0..<sizes.indicatorsPerAction {
                    let indicator = Indicator(actionId: action.id!, contractId: contractId, name: "Indicateur \(number + 1) de l'action \(action.position)")
                    indicator.id = random.uuid()
                    indicator.unit = "personnes"
                    indicators.append(indicator)
                    for year in firstYear..<(firstYear + sizes.years) {
                        let value = IndicatorValue(indicatorId: indicator.id!, contractId: contractId, year: year)
                        value.id = random.uuid()
                        value.target = Double(random.int(50...500))
                        if year < CalendarDay(Date()).year { value.actual = (value.target ?? 0) * Double(random.int(50...120)) / 100 }
                        values.append(value)
                    }
                }
            }
        }

        mutating func addGovernance(contractId: UUID, plan: ContractPlan, sizes: Sizes, random: inout SeededGenerator) {
            let copil = GovernanceBody(contractId: contractId, kind: GovernanceBodyKind.copil.rawValue, name: "Comité de pilotage")
            let cotech = GovernanceBody(contractId: contractId, kind: GovernanceBodyKind.cotech.rawValue, name: "Comité technique")
            copil.id = random.uuid()
            cotech.id = random.uuid()
            bodies += [copil, cotech]
            var meetingIds: [UUID] = []
            for number in 0..<sizes.meetingsPerContract {
                let body = number % 3 == 0 ? copil : cotech
                let year = plan.signedYear + number / 3
                let meeting = Meeting(contractId: contractId, bodyId: body.id!, heldOn: "\(min(year, CalendarDay(Date()).year))-0\(random.int(1...9))-1\(random.int(0...9))",
                                      startsAt: "14:00", endsAt: "16:00", place: "Mairie", agenda: "Suivi du programme d'actions")
                meeting.id = random.uuid()
                meeting.minutes = random.chance(0.8) ? "Compte rendu de la réunion." : ""
                meetings.append(meeting)
                meetingIds.append(meeting.id!)
            }
            guard !meetingIds.isEmpty else { return }
            for number in 0..<sizes.decisionsPerContract {
                let decision = Decision(contractId: contractId, meetingId: meetingIds[number % meetingIds.count],
                                        text: "Décision \(number + 1) du comité", sectionId: nil, actionId: nil, owner: "Coordination",
                                        dueOn: "\(plan.signedYear + 1 + number % 4)-06-30")
                decision.id = random.uuid()
                decision.status = random.pick(Decision.Status.allCases).rawValue
                decisions.append(decision)
            }
            if plan.isSigned {
                let vacant = random.chance(0.08)
                let post = CoordinatorPost(contractId: contractId, personName: "Coordination \(plan.index + 1)", fte: random.chance(0.6) ? 1 : 0.5,
                                           employer: plan.organisation.name, reportingLine: "Direction de la santé",
                                           startsOn: "\(plan.signedYear)-01-01", endsOn: vacant ? "\(plan.signedYear + 1)-12-31" : nil)
                post.id = random.uuid()
                posts.append(post)
            }
        }
    }
}
