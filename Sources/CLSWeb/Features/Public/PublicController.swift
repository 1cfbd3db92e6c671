import CLSCore
import CLSFormats
import CLSStore
import Fluent
import Vapor

/// The public page of a published contract, readable without an account: the contract, its
/// signatories, its programme (axes, fiches actions and their status, key indicators), its ISTS
/// profile, and the same public content as open data (CSV and JSON). Confidential actions never
/// appear, nor anything attached to them.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.publicContract(.key), use: show)
        routes.get(.publicContractJSON(.key), use: openDataJSON)
        routes.get(.publicContractCSV(.key), use: openDataCSV)
    }

    struct IndicatorView: Encodable { let action: String; let name: String; let year: String; let target: String; let actual: String }
    struct AxisView: Encodable { let title: String; let actions: [PublicProgramme.ActionLine] }
    struct CountView: Encodable {
        let label: String
        let count: Int
        let percent: String
        init(_ line: CountLine) { label = line.label; count = line.count; percent = FrenchFormat.percent(line.percent) }
    }

    struct PublicContent: Encodable {
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
    }

    /// The contract if it is published and not confidential; 404 otherwise, like an unknown id.
    func publicContract(_ req: Request) async throws -> Contract {
        guard let id = req.parameters.get("contractID", as: UUID.self),
              let contract = try await Contract.find(id, on: req.db),
              AccessPolicy.allows(.anonymous, .viewPublicContract(contract.accessScope)) else { throw WebError.notFound }
        return contract
    }

    func programme(_ req: Request, _ contract: Contract) async throws -> PublicProgramme {
        try await PublicProgramme.load(contract: contract, themes: try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: req.db),
                                       today: req.today, on: req.db)
    }

    static func number(_ value: Double?) -> String { value.map { FrenchFormat.number($0) } ?? "—" }

    func show(req: Request) async throws -> Response {
        let contract = try await publicContract(req)
        let id = try contract.requireID()
        let signatories = try await Signatory.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        let partners = try await Partner.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        let steps = try await ContractStateChange.query(on: req.db).filter(\.$contract.$id == id).sort(\.$createdAt).all()
        let programme = try await programme(req, contract)
        return try await req.renderPage("public/contract", title: contract.name, PublicContent(
            contract: ContractDetailView(contract), signatories: signatories.map(SignatoryView.init),
            partners: partners.map(PartnerView.init), timeline: steps.map(StateStepView.init),
            axes: programme.axes.map { AxisView(title: $0.title, actions: $0.actions) },
            actionCount: programme.progress.total, doneCount: programme.progress.doneCount,
            inProgressCount: programme.progress.count(.inProgress),
            indicators: programme.indicators.map {
                IndicatorView(action: $0.action, name: $0.unit.isEmpty ? $0.name : "\($0.name) (\($0.unit))", year: $0.year.map(String.init) ?? "—",
                              target: Self.number($0.target), actual: Self.number($0.actual))
            },
            themes: programme.report.themes.map(CountView.init),
            livingConditions: FrenchFormat.percent(programme.report.livingConditionsShare),
            careSystem: FrenchFormat.percent(programme.report.careSystemShare),
            approaches: programme.report.approaches.map(CountView.init),
            dataCSV: SitePath.publicContractCSV(id).href, dataJSON: SitePath.publicContractJSON(id).href))
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

    func openData(_ req: Request) async throws -> OpenData {
        let contract = try await publicContract(req)
        let id = try contract.requireID()
        let signatories = try await Signatory.query(on: req.db).filter(\.$contract.$id == id).with(\.$organisation).all()
        let programme = try await programme(req, contract)
        return OpenData(
            contract: .init(id: id, name: contract.name, generation: contract.generation, state: contract.state, region: contract.regionCode,
                            department: contract.departmentCode, territory: contract.territoryLabel, signedOn: contract.signedOn,
                            startsOn: contract.startsOn, endsOn: contract.endsOn,
                            signatories: signatories.map { $0.organisation.name }),
            actions: programme.actions, indicators: programme.indicators, ists: programme.report,
            licence: "Licence Ouverte / Open Licence 2.0 (Etalab)")
    }

    func openDataJSON(req: Request) async throws -> Response {
        let data = try await openData(req)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(data)))
        response.headers.contentType = .json
        response.headers.contentDisposition = .init(.attachment, filename: "cls-donnees-publiques.json")
        return response
    }

    /// One row per public fiche action, then one per indicator.
    func openDataCSV(req: Request) async throws -> Response {
        let data = try await openData(req)
        var csv = CSVWriter()
        csv.append(["Contrat", "Axe", "Fiche action", "Statut", "Début", "Fin", "Thèmes", "Déterminants", "Stratégies", "Approche"])
        for action in data.actions {
            csv.append([data.contract.name, action.axis, action.title, action.statusLabel, action.startsOn ?? "", action.endsOn ?? "",
                        action.themes.joined(separator: ", "), action.determinants.joined(separator: ", "),
                        action.strategies.joined(separator: ", "), action.approach ?? ""])
        }
        csv.append([])
        csv.append(["Contrat", "Fiche action", "Indicateur", "Unité", "Année", "Cible", "Réalisé"])
        for indicator in data.indicators {
            csv.append([data.contract.name, indicator.action, indicator.name, indicator.unit, indicator.year.map(String.init) ?? "",
                        indicator.target.map { FrenchFormat.number($0) } ?? "", indicator.actual.map { FrenchFormat.number($0) } ?? ""])
        }
        let response = Response(status: .ok, body: .init(data: csv.data))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "cls-donnees-publiques.csv")
        return response
    }
}
