import CLSCore
import CLSStore
import Fluent
import Vapor

/// The perimeter of a contract: what it covers now, its history, and the form to change it.
struct PerimeterController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .perimeter), use: show)
        routes.post(.contract(.key, .perimeter), use: update)
    }

    func show(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return try await render(req, contract: contract)
    }

    func render(_ req: Request, contract: Contract, values: PerimeterPage.Values? = nil, status: HTTPResponseStatus = .ok,
                error: String? = nil) async throws -> Response {
        try await req.renderPage("contracts/perimeter", title: "Périmètre – \(contract.name)",
                                 try await PerimeterPage.load(contract, values: values, req.pageContext), status: status,
                                 extraFlashes: error.map { [Flash(kind: .error, text: $0)] } ?? [])
    }

    struct PerimeterForm: Content {
        var epciSiren: String?
        var communeCodes: String?
        var focusQPVCodes: String?
        var validFrom: String?
    }

    func update(req: Request) async throws -> Response {
        let contract = try await req.contract(requiring: Permission.editContract)
        let form = try req.content.decode(PerimeterForm.self)
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
        }
        let values = PerimeterPage.Values(epciSiren: form.epciSiren ?? "", communeCodes: form.communeCodes ?? "", focusQPVCodes: form.focusQPVCodes ?? "")
        do {
            let validFrom = try req.day(form.validFrom, label: "date d'effet") ?? req.today
            try await Perimeters.set(contract: contract, epciSiren: form.epciSiren, communeCodes: list(form.communeCodes),
                                     focusQPVCodes: list(form.focusQPVCodes), validFrom: validFrom, using: req.mutations)
        } catch let failure as Perimeters.Failure {
            return try await render(req, contract: contract, values: values, status: .unprocessableEntity, error: failure.message)
        } catch let error as WebError {
            return try await render(req, contract: contract, values: values, status: .unprocessableEntity, error: error.message)
        }
        req.flash(.success, "Périmètre enregistré.")
        return req.redirect(to: .contract(try contract.requireID(), .perimeter))
    }
}
