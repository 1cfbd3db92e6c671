import Vapor

func routes(_ app: Application) throws {
    try app.register(collection: HomeController())
    try app.register(collection: AuthController())
    try app.register(collection: APITokenController())
    try app.register(collection: ContractController())
    try app.register(collection: ContractPartiesController())
    try app.register(collection: ContractMembersController())
    try app.register(collection: PerimeterController())
    try app.register(collection: TerritoryController())
    try app.register(collection: ProgrammeController())
    try app.register(collection: ProgrammeTableController())
    try app.register(collection: PlanImportController())
    try app.register(collection: RegionalThemeController())
    try app.register(collection: APIImportController())
    try app.register(collection: ActionController())
    try app.register(collection: OrganisationController())
    try app.register(collection: AdminUserController())
    try app.register(collection: AuditController())
    try app.register(collection: PublicController())
    try app.register(collection: APIController())
    try app.register(collection: TerritoryAPIController())
}
