import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// A published contract as anyone may read it: its signatories, lifecycle, public fiches actions,
/// indicators and ISTS profile, and its open data.
struct PublicContractPage: Encodable {
    struct IndicatorView: Encodable { let action: String; let name: String; let year: String; let target: String; let actual: String }
    struct AxisView: Encodable { let title: String; let actions: [PublicProgramme.ActionLine] }
    struct CountView: Encodable {
        let label: String
        let count: Int
        let percent: String
        init(_ line: CountLine) { label = line.label; count = line.count; percent = FrenchFormat.percent(line.percent) }
    }


    let contract: ContractDetailView
    let signatories: [SignatoryView]
    let partners: [PartnerView]
    let timeline: [StateStepView]
    let axes: [AxisView]
    let actionCount: Int
    let doneCount: Int
    let inProgressCount: Int
    let indicators: [IndicatorView]
    let themes: [CountView]
    let livingConditions: String
    let careSystem: String
    let approaches: [CountView]
    let dataCSV: String
    let dataJSON: String
    let home = SitePath.home.href

    static func number(_ value: Double?) -> String { value.map { FrenchFormat.number($0) } ?? "—" }

    static func programme(_ contract: Contract, _ context: PageContext) async throws -> PublicProgramme {
        try await PublicProgramme.load(contract: contract, themes: try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: context.db),
                                       today: context.today, on: context.db)
    }

    static func load(_ contract: Contract, _ context: PageContext) async throws -> PublicContractPage {
        let id = try contract.requireID()
        let parties = try await ContractParties.load(contractId: id, on: context.db)
        let programme = try await programme(contract, context)
        return PublicContractPage(
            contract: ContractDetailView(contract), signatories: parties.signatories.map(SignatoryView.init),
            partners: parties.partners.map(PartnerView.init), timeline: parties.steps.map(StateStepView.init),
            axes: programme.axes.map { AxisView(title: $0.title, actions: $0.actions) },
            actionCount: programme.progress.total, doneCount: programme.progress.doneCount,
            inProgressCount: programme.progress.count(.inProgress),
            indicators: programme.indicators.map {
                IndicatorView(action: $0.action, name: $0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))", year: $0.year.map(String.init) ?? "—",
                              target: PublicContractPage.number($0.target), actual: PublicContractPage.number($0.actual))
            },
            themes: programme.report.themes.map(CountView.init),
            livingConditions: FrenchFormat.percent(programme.report.livingConditionsShare),
            careSystem: FrenchFormat.percent(programme.report.careSystemShare),
            approaches: programme.report.approaches.map(CountView.init),
            dataCSV: SitePath.publicContractCSV(id).href, dataJSON: SitePath.publicContractJSON(id).href)
    }

    struct OpenData: Content {
        struct ContractPart: Content {
            let id: UUID
            let name: String
            let generation: Int
            let state: String
            let region: String
            let department: String
            let territory: String
            let signedOn: String?
            let startsOn: String?
            let endsOn: String?
            let signatories: [String]
        }
        let contract: ContractPart
        let actions: [PublicProgramme.ActionLine]
        let indicators: [PublicProgramme.IndicatorLine]
        let ists: ISTSReport
        let licence: String
    }

    /// The open data of the contract (Licence Ouverte).
    static func openData(_ contract: Contract, _ context: PageContext) async throws -> OpenData {
        let id = try contract.requireID()
        let signatories = try await ContractParties.load(contractId: id, on: context.db).signatories
        let programme = try await programme(contract, context)
        return OpenData(
            contract: .init(id: id, name: contract.name, generation: contract.generation, state: contract.state, region: contract.regionCode,
                            department: contract.departmentCode, territory: contract.territoryLabel, signedOn: contract.signedOn,
                            startsOn: contract.startsOn, endsOn: contract.endsOn,
                            signatories: signatories.map { $0.organisation.name }),
            actions: programme.actions, indicators: programme.indicators, ists: programme.report,
            licence: "Licence Ouverte / Open Licence 2.0 (Etalab)")
    }
}
