import CLSCore
import CLSStore
import Fluent
import Vapor

/// A fiche action's printable sheet: its texts, steering, budget, indicators, notes, documents and
/// links, with the forms its editors and its pilot use.
struct ActionSheetPage: Encodable, ContractPageContent {
    struct CodedItem: Encodable { let code: String; let label: String }

    struct BudgetLineView: Encodable {
        let id: String
        let recordActual: String
        let remove: String
        let funder: String
        let year: String
        let kind: String
        let unit: String
        let planned: String
        let actual: String
        let actualInput: String
        let channel: String
        let status: String
        let refusal: String
    }

    struct IndicatorView: Encodable {
        let id: String
        let recordValue: String
        let remove: String
        let name: String
        let kind: String
        let unit: String
        let baseline: String
        let source: String
        let polarity: String
        let values: [ValueView]
        struct ValueView: Encodable { let year: Int; let target: String; let actual: String; let comment: String; let evidence: String }
    }

    struct NoteView: Encodable { let writtenOn: String; let author: String; let text: String }
    struct AttachmentView: Encodable { let id: String; let download: String; let remove: String; let filename: String; let size: String; let uploadedBy: String; let addedOn: String }
    struct LinkView: Encodable { let id: String; let remove: String; let label: String; let url: String; let isInternal: Bool }

    let shell: ContractShell
    let links: ActionLinks
    let id: String
    let title: String
    let parentAction: Link?
    let section: String
    let statusCode: String
    let statusLabel: String
    let priority: String
    let isLate: Bool
    let startsOn: String
    let endsOn: String
    let isRecurring: Bool
    let isNew: Bool
    let isConfidential: Bool
    let texts: [LabelledText]
    let logicModel: [LabelledText]
    let steering: [LabelledText]
    let themes: [String]
    let determinants: [String]
    let strategies: [String]
    let publics: [String]
    let sectors: [String]
    let lifeStages: [String]
    let approach: String
    let istsAim: String
    let participation: String
    let subActions: [Link]
    let budgetLines: [BudgetLineView]
    let budgetPlanned: String
    let budgetActual: String
    /// The fiche's planned total, "€ TTC" when its amounts include taxes.
    let plannedTotal: String
    let isContinuous: Bool
    let indicators: [IndicatorView]
    let notes: [NoteView]
    let attachments: [AttachmentView]
    let webLinks: [LinkView]
    let linkedFrom: [Link]
    /// The fiche of the previous contract this one continues, and those of the next contracts that continue it.
    let carriedFrom: Link?
    let carriedInto: [Link]
    /// The diagnosis's priority the fiche answers, and the finding behind it.
    let answersPriority: Link?
    let answersFinding: String?
    let relatedActionOptions: [SelectOption]
    let canEdit: Bool
    let canFollowUp: Bool
    let statusOptions: [SelectOption]
    let today: String
    let currentYear: Int
    let kindOptions: [SelectOption]
    let unitOptions: [SelectOption]
    let channelOptions: [SelectOption]
    let budgetStatusOptions: [SelectOption]
    let indicatorTypeOptions: [SelectOption]
    let polarityOptions: [SelectOption]
    let funderOptions: OptionList

    struct Link: Encodable { let href: String; let label: String; var status: String = "" }
    struct LabelledText: Encodable { let label: String; let text: String }

    static func load(_ contract: Contract, _ action: Action, _ context: PageContext) async throws -> ActionSheetPage {
        let actionId = try action.requireID()
        let db = context.db
        let contractId = try contract.requireID()
        let scope = contract.accessScope
        let canEdit = context.allows(.editProgramme(scope))
        let canFollowUp = context.allows(action.followUpPermission(contract))

        async let section = ProgrammeSection.find(action.$section.id, on: db)
        async let parent = ActionController.find(Action.self, action.$parentAction.id, on: db)
        async let subActions = Action.query(on: db).filter(\.$parentAction.$id == actionId).sort(\.$position).all()
        async let budget = BudgetLine.query(on: db).filter(\.$action.$id == actionId).with(\.$funderOrganisation)
            .sort(\.$year).sort(\.$funderName).all()
        async let indicators = Indicator.query(on: db).filter(\.$action.$id == actionId).with(\.$values).all()
        async let notes = ActionNote.query(on: db).filter(\.$action.$id == actionId).sort(\.$createdAt, .descending).all()
        async let leadOrganisation = ActionController.find(Organisation.self, action.$leadOrganisation.id, on: db)
        async let pilotUser = ActionController.find(User.self, action.$pilotUser.id, on: db)
        // Attachments are listed without their content.
        async let attachments = ActionAttachment.query(on: db).filter(\.$action.$id == actionId)
            .field(\.$id).field(\.$filename).field(\.$size).field(\.$uploadedBy).field(\.$createdAt).field(\.$action.$id).field(\.$contractId)
            .sort(\.$createdAt).all()
        async let links = ActionLink.query(on: db).filter(\.$action.$id == actionId).all()
        async let backlinks = ActionLink.query(on: db).filter(\.$relatedAction.$id == actionId).with(\.$action).all()
        let siblings = canEdit ? try await Action.query(on: db).filter(\.$contract.$id == contract.requireID())
            .filter(\.$id != actionId).sort(\.$title).field(\.$id).field(\.$title).all() : []
        let themeCatalogue = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: db)
        let lineage = try await ActionLineage.load(actionId: actionId, context)
        let answered = try await DiagnosisWork.priorityAnswered(by: action, on: db)
        let funders = canEdit ? try await OrganisationChoice.forContract(regionCode: contract.regionCode, on: db) : []

        let lines = try await budget
        let euroLines = lines.filter { $0.unit == BudgetUnit.euros.rawValue }
        func actionHref(_ id: UUID?) -> String { SitePath.contract(contractId, .action(id ?? UUID())).href }
        func path(_ page: ActionPath) -> String { SitePath.contract(contractId, .action(actionId, page)).href }
        func amount(_ value: Double?, unit: String) -> String {
            guard let value else { return "—" }
            return unit == BudgetUnit.fte.rawValue ? "\(FrenchFormat.number(value)) ETP" : euros(value)
        }
        /// Amounts as entered: "€ TTC" when the fiche says so (TeT's export), else without taxes.
        func euros(_ value: Double) -> String { FrenchFormat.euros(value) + (action.amountsIncludeTax ? "\u{00A0}TTC" : "") }
        func numberInput(_ value: Double?) -> String { value.map { FrenchFormat.number($0).replacingOccurrences(of: FrenchFormat.thousandsSeparator, with: "") } ?? "" }
        typealias Text = LabelledText
        // Labels from the one description of a fiche action's fields (ADR 11), as in the form.
        func labelled(_ fields: [ActionField]) -> [Text] {
            fields.compactMap { field in Action.textFields[field.key].map { Text(label: field.label, text: action[keyPath: $0]) } }
        }
        let texts = labelled([.summary, .objectives, .expectedResults, .means, .financingNotes, .schedule, .notes, .linkedPlanActions])
        let logicModel = labelled([.logicProblem, .logicDeterminant, .logicStrategy, .logicIntermediateResults])
        let leadName: String = try await leadOrganisation?.name ?? ""
        let pilotName: String = try await pilotUser.map { $0.displayName } ?? ""
        let steering = [Text(label: ActionField.leadOrganisation.label, text: leadName)] + labelled([.leadService, .leadPeople])
            + [Text(label: ActionField.pilotUser.label, text: pilotName)]
            + labelled([.electedReferent, .partners, .governanceBody, .places, .territoryScope])
        let budgetViews: [BudgetLineView] = lines.map { line in
            let channel = [FundingChannel(rawValue: line.channel)?.label ?? "", line.callName].filter { !$0.isEmpty }.joined(separator: " – ")
            let refusal = [line.refusalReason, line.suggestedFunder.isEmpty ? "" : "financeur suggéré : \(line.suggestedFunder)"]
                .filter { !$0.isEmpty }.joined(separator: " ; ")
            return BudgetLineView(
                id: line.id!.uuidString,
                recordActual: path(.budgetLine(line.id!, .actual)), remove: path(.budgetLine(line.id!, .delete)), funder: line.funderOrganisation?.name ?? line.funderName,
                year: line.year.map(String.init) ?? "—", kind: BudgetLineKind(rawValue: line.kind)?.label ?? line.kind,
                unit: BudgetUnit(rawValue: line.unit)?.label ?? line.unit,
                planned: amount(line.planned, unit: line.unit), actual: amount(line.actual, unit: line.unit),
                actualInput: numberInput(line.actual), channel: channel,
                status: BudgetStatus(rawValue: line.status)?.label ?? line.status, refusal: refusal)
        }
        let indicatorViews: [IndicatorView] = try await indicators.map { indicator in
            let baseline: String = indicator.baselineValue.map { value in
                "\(FrenchFormat.number(value)) \(indicator.unit)" + (indicator.baselineOn.map { " (\(CodeLabels.day($0)))" } ?? "")
            } ?? "—"
            let values: [IndicatorView.ValueView] = indicator.values.sorted { $0.year < $1.year }.map {
                IndicatorView.ValueView(year: $0.year, target: $0.target.map { FrenchFormat.number($0) } ?? "—",
                                        actual: $0.actual.map { FrenchFormat.number($0) } ?? "—", comment: $0.comment, evidence: $0.evidence)
            }
            return IndicatorView(id: indicator.id!.uuidString,
                                 recordValue: path(.indicator(indicator.id!, .values)), remove: path(.indicator(indicator.id!, .delete)), name: indicator.name,
                                 kind: IndicatorType(rawValue: indicator.kind)?.label ?? indicator.kind, unit: indicator.unit,
                                 baseline: baseline, source: indicator.source,
                                 polarity: IndicatorPolarity(rawValue: indicator.polarity)?.label ?? "", values: values)
        }
        let noteViews: [NoteView] = try await notes.map { NoteView(writtenOn: CodeLabels.day($0.writtenOn), author: $0.author, text: $0.text) }
        let subActionLinks: [Link] = try await subActions.map {
            Link(href: actionHref($0.id), label: $0.title, status: CodeLabels.status($0.status))
        }
        let parentLink: Link? = try await parent.map { Link(href: actionHref($0.id), label: $0.title) }
        let sectionTitle: String = try await section?.title ?? ""
        let isLate = ActionSchedule.isLate(status: ActionStatus(rawValue: action.status),
                                           plannedEnd: action.endsOn.flatMap(CalendarDay.init(parsing:)), today: context.today)
        return ActionSheetPage(
            shell: ContractShell(contract, tab: .programme,
                                 trail: [Breadcrumb(label: "Programme", href: SitePath.contract(contractId, .programme(.tree)).href)]),
            links: ActionLinks(contractId: contractId, actionId: actionId),
            id: actionId.uuidString, title: action.title, parentAction: parentLink, section: sectionTitle,
            statusCode: action.status, statusLabel: CodeLabels.status(action.status),
            priority: CodeLabels.priority(action.priority), isLate: isLate,
            startsOn: CodeLabels.day(action.startsOn), endsOn: CodeLabels.day(action.endsOn),
            isRecurring: action.isRecurring, isNew: action.isNew, isConfidential: action.isConfidential,
            texts: texts, logicModel: logicModel, steering: steering,
            themes: CodeLabels.split(action.themeCodes).map { CodeLabels.theme($0, in: themeCatalogue) },
            determinants: CodeLabels.split(action.determinantCodes).map(CodeLabels.taxonomy),
            strategies: CodeLabels.split(action.strategyCodes).map(CodeLabels.taxonomy),
            publics: CodeLabels.split(action.publicCodes).map(CodeLabels.publicTarget),
            sectors: CodeLabels.split(action.sectorCodes).map(CodeLabels.sector),
            lifeStages: CodeLabels.split(action.lifeStageCodes).map(CodeLabels.lifeStage),
            approach: InterventionApproach(rawValue: action.approach)?.label ?? "Non renseignée",
            istsAim: ISTSAim(rawValue: action.istsAim)?.label ?? "Non renseignée",
            participation: ParticipationLevel(rawValue: action.participation)?.label ?? "Non renseignée",
            subActions: subActionLinks, budgetLines: budgetViews,
            budgetPlanned: euros(euroLines.compactMap(\.planned).reduce(0, +)),
            budgetActual: euros(euroLines.compactMap(\.actual).reduce(0, +)),
            plannedTotal: action.plannedTotal.map(euros) ?? "—",
            isContinuous: action.isContinuous,
            indicators: indicatorViews, notes: noteViews,
            attachments: try await attachments.map {
                AttachmentView(id: $0.id!.uuidString, download: path(.attachment($0.id!)), remove: path(.deleteAttachment($0.id!)), filename: $0.filename,
                               size: FrenchFormat.fileSize($0.size),
                               uploadedBy: $0.uploadedBy, addedOn: $0.createdAt.map { FrenchFormat.dateTime($0) } ?? "")
            },
            webLinks: try await links.map { LinkView(id: $0.id!.uuidString, remove: path(.deleteLink($0.id!)), label: $0.label,
                                                url: $0.$relatedAction.id.map(actionHref) ?? $0.url, isInternal: $0.$relatedAction.id != nil) },
            linkedFrom: try await backlinks.map { Link(href: actionHref($0.action.id), label: $0.action.title) },
            carriedFrom: lineage.from, carriedInto: lineage.into,
            answersPriority: answered.map { Link(href: SitePath.contract(contractId, .diagnosis(.page)).href(fragment: "priorites-titre"), label: $0.priority.title) },
            answersFinding: answered?.finding?.text,
            relatedActionOptions: siblings.map { SelectOption(value: $0.id!.uuidString, label: $0.title) },
            canEdit: canEdit, canFollowUp: canFollowUp,
            statusOptions: (action.status.isEmpty ? [SelectOption(value: "", label: CodeLabels.noStatus, selected: true)] : [])
                + ActionStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == action.status) },
            today: context.today.iso, currentYear: context.today.year,
            kindOptions: BudgetLineKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            unitOptions: BudgetUnit.allCases.map { SelectOption(value: $0.rawValue, label: $0.longLabel) },
            channelOptions: FundingChannel.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            budgetStatusOptions: BudgetStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            indicatorTypeOptions: IndicatorType.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            polarityOptions: IndicatorPolarity.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            funderOptions: OptionList(funders.map { SelectOption(value: $0.id.uuidString, label: $0.name) }))
    }
}

/// The ready links of a fiche action's sheet and forms.
struct ActionLinks: Encodable {
    let page: String
    let edit: String
    let history: String
    let followUp: String
    let delete: String
    let budget: String
    let indicators: String
    let attachments: String
    let links: String
    let createSubAction: String
    /// The fiche alone as a Word document.
    let document: String

    init(contractId: UUID, actionId: UUID) {
        func link(_ page: ActionPath) -> String { SitePath.contract(contractId, .action(actionId, page)).href }
        page = link(.page)
        edit = link(.edit)
        history = link(.history)
        followUp = link(.followUp)
        delete = link(.delete)
        budget = link(.budget)
        indicators = link(.indicators)
        attachments = link(.attachments)
        links = link(.links)
        createSubAction = SitePath.contract(contractId, .programme(.actions)).href
        document = link(.document)
    }
}
