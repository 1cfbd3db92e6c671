import CLSCore
import CLSStore
import Fluent
import Foundation

/// The shared diagnosis as the Diagnostic tab shows it below the indicators: its narrative, its
/// findings with the indicators they cite and the actions that answer them, the priorities with
/// their decision, the competence check and the step that turns a retained one into an axis.
struct DiagnosisWorkView: Encodable {
    struct TextPart: Encodable { let name: String; let label: String; let text: String }

    struct FindingView: Encodable {
        let id: String
        let text: String
        let indicators: String
        let actions: [ActionLink]
        let delete: String
    }

    struct ActionLink: Encodable { let title: String; let href: String }

    struct PriorityView: Encodable {
        let id: String
        let title: String
        let finding: String
        let prsReference: String
        let competence: String
        let status: String
        let statusCode: String
        let reason: String
        let forLocalPlan: Bool
        let warning: String
        let axis: ActionLink?
        let canMakeAxis: Bool
        let decide: String
        let makeAxis: String
        let statusOptions: [SelectOption]
    }

    struct IndicatorChoice: Encodable { let code: String; let label: String; let inputId: String }

    let canEdit: Bool
    let author: String
    let startedOn: String
    let finishedOn: String
    let cost: String
    let funders: String
    let sources: String
    let parts: [TextPart]
    let findings: [FindingView]
    let priorities: [PriorityView]
    let indicatorChoices: [IndicatorChoice]
    let findingOptions: [SelectOption]
    let competenceOptions: [SelectOption]
    let saveNarrative: String
    let addFinding: String
    let propose: String
    /// The dated versions, latest first, and the form that dates the diagnosis as it stands.
    let versions: [LinkLine]
    let freeze: String

    static func load(_ contract: Contract, _ context: PageContext) async throws -> DiagnosisWorkView {
        let id = try contract.requireID()
        let narrative = try await DiagnosisWork.narrative(contractId: id, on: context.db)
        let findings = try await DiagnosisWork.findings(contractId: id, on: context.db)
        let priorities = try await DiagnosisWork.priorities(contractId: id, on: context.db)
        let answers = try await DiagnosisWork.actionsByFinding(contractId: id, on: context.db)
        let indicators = try await DiagnosticIndicator.query(on: context.db).sort(\.$position).sort(\.$label).all()
        let labels = Dictionary(uniqueKeysWithValues: indicators.map { ($0.code, $0.label) })
        let signatories = try await Signatory.query(on: context.db).filter(\.$contract.$id == id).with(\.$organisation).all().map(\.organisation)
        let sectionIds = priorities.compactMap(\.sectionId)
        let axes = sectionIds.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ProgrammeSection.query(on: context.db)
            .filter(\.$id ~~ sectionIds).all().map { ($0.id!, $0.title) })
        let findingTexts = Dictionary(uniqueKeysWithValues: findings.map { ($0.id!, $0.text) })
        let day = { (text: String?) in text ?? "" }
        return DiagnosisWorkView(
            canEdit: context.allows(.editContract(contract.accessScope)),
            author: narrative?.author ?? "", startedOn: day(narrative?.startedOn), finishedOn: day(narrative?.finishedOn),
            cost: narrative?.cost.map { FrenchFormat.number($0, fractionDigits: 0) } ?? "",
            funders: narrative?.funders ?? "", sources: narrative?.sources ?? "",
            parts: [TextPart(name: "portrait", label: "Portrait du territoire", text: narrative?.portrait ?? ""),
                    TextPart(name: "healthStatus", label: "État de santé de la population", text: narrative?.healthStatus ?? ""),
                    TextPart(name: "resources", label: "Ressources et réponses existantes", text: narrative?.resources ?? ""),
                    TextPart(name: "voices", label: "Ce qu'ont dit les habitants et les partenaires", text: narrative?.voices ?? "")],
            findings: findings.map { finding in
                FindingView(id: finding.id!.uuidString, text: finding.text, indicators: finding.indicators.map { labels[$0] ?? $0 }.joined(separator: " ; "),
                            actions: (answers[finding.id!] ?? []).map { ActionLink(title: $0.title, href: SitePath.contract(id, .action($0.id!)).href) },
                            delete: SitePath.contract(id, .diagnosis(.deleteFinding(finding.id!))).href)
            },
            priorities: priorities.map { priority in
                PriorityView(
                    id: priority.id!.uuidString, title: priority.title, finding: priority.findingId.flatMap { findingTexts[$0] } ?? "",
                    prsReference: priority.prsReference, competence: priority.competence?.label ?? "",
                    status: priority.priorityStatus.label, statusCode: priority.status, reason: priority.reason, forLocalPlan: priority.forLocalPlan,
                    warning: DiagnosisWork.competenceWarning(priority, signatories: signatories) ?? "",
                    axis: priority.sectionId.flatMap { section in axes[section].map { ActionLink(title: $0, href: SitePath.contract(id, .programme(.tree)).href) } },
                    canMakeAxis: priority.priorityStatus == .retained && priority.sectionId == nil,
                    decide: SitePath.contract(id, .diagnosis(.priority(priority.id!))).href,
                    makeAxis: SitePath.contract(id, .diagnosis(.priorityAxis(priority.id!))).href,
                    statusOptions: PriorityStatus.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0 == priority.priorityStatus) })
            },
            indicatorChoices: indicators.enumerated().map { IndicatorChoice(code: $0.element.code, label: $0.element.label, inputId: "constat-indicateur-\($0.offset)") },
            findingOptions: [SelectOption(value: "", label: "Sans constat")] + findings.map { SelectOption(value: $0.id!.uuidString, label: String($0.text.prefix(90))) },
            competenceOptions: [SelectOption(value: "", label: "Non précisée")] + CompetenceDomain.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) },
            saveNarrative: SitePath.contract(id, .diagnosis(.narrative)).href,
            addFinding: SitePath.contract(id, .diagnosis(.findings)).href,
            propose: SitePath.contract(id, .diagnosis(.priorities)).href,
            versions: try await DiagnosisVersions.list(contractId: id, on: context.db).map { version in
                LinkLine(href: SitePath.contract(id, .diagnosis(.version(version.number))).href,
                         label: "Version \(version.number) : \(version.label)", detail: "datée du \(FrenchFormat.date(iso: version.datedOn))")
            },
            freeze: SitePath.contract(id, .diagnosis(.versions)).href)
    }
}
