import CLSCore
import CLSStore
import Fluent
import Vapor

/// A fiche action: its printable sheet, its full edit form (the programme's editors), the
/// follow-up its pilot may do (status, notes, indicator values, actual spending), its budget
/// lines and indicators.
struct ActionController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contract(.key, .action(.key, .page)), use: show)
        routes.get(.contract(.key, .action(.key, .edit)), use: editForm)
        routes.post(.contract(.key, .action(.key, .edit)), use: update, refusedOn: editForm)
        routes.post(.contract(.key, .action(.key, .followUp)), use: followUp, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .delete)), use: delete, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .budget)), use: addBudgetLine, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .budgetLine(.key, .actual))), use: recordActualSpending, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .budgetLine(.key, .delete))), use: deleteBudgetLine, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .indicators)), use: addIndicator, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .indicator(.key, .values))), use: recordIndicatorValue, refusedOn: show)
        routes.post(.contract(.key, .action(.key, .indicator(.key, .delete))), use: deleteIndicator, refusedOn: show)
        bootResources(routes)
        routes.get(.contract(.key, .action(.key, .history)), use: history)
    }

    /// The journal of one action: its own changes and those of its budget lines, indicators, values,
    /// notes, attachments and links (whose recorded fields name the action).
    func history(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        return try await req.renderPage("contracts/history", title: "Historique – \(action.title)",
                                        try await ActionHistory.load(contract, action, req.pageContext))
    }

    /// The contract and action of the route, if the subject may see them.
    func load(_ req: Request) async throws -> (Contract, Action) {
        let contract = try await req.contract(requiring: Permission.viewContract)
        return (contract, try await req.record(Action.self, "actionID", of: contract))
    }

    static func find<M: Model>(_ type: M.Type, _ id: M.IDValue?, on database: any Database) async throws -> M? {
        guard let id else { return nil }
        return try await M.find(id, on: database)
    }

    /// The link of the action's sheet.
    func page(_ contract: Contract, _ action: Action) -> String {
        SitePath.contract(contract.id!, .action(action.id!)).href
    }

    func show(req: Request) async throws -> Response {
        let (contract, action) = try await load(req)
        return try await req.renderPage("actions/show", title: action.title, try await ActionSheetPage.load(contract, action, req.pageContext))
    }
}
