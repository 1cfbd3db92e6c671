import CLSCore
import CLSStore
import Fluent
import Vapor

/// The territorial reference: what is loaded, the forms importing official files, recent imports.
struct ReferencePage: Encodable, BreadcrumbProviding {
    struct InventoryRow: Encodable { let label: String; let count: String; let vintage: String }
    struct KindForm: Encodable {
        let kind: String
        let label: String
        let files: [FileField]
        let asksLevel: Bool
        struct FileField: Encodable { let role: String; let label: String; let hint: String; let required: Bool; let inputId: String }
    }
    struct ImportRow: Encodable { let href: String; let kind: String; let state: String; let date: String }


    let inventory: [InventoryRow]
    let forms: [KindForm]
    let levels: [SelectOption]
    let recent: [ImportRow]
    let error: String?
    let errorKind: String?
    let breadcrumb: [Breadcrumb]
    let uploadAction = SitePath.referenceImports.href

    static func load(error: String? = nil, errorKind: String? = nil, _ context: PageContext) async throws -> ReferencePage {
        let inventory = try await ReferenceInventory.entries(on: context.db).map {
            InventoryRow(label: $0.label, count: FrenchFormat.integer($0.count), vintage: $0.vintage ?? "—")
        }
        let recent = try await ReferenceImport.query(on: context.db).sort(\.$createdAt, .descending).limit(10).all().map {
            ImportRow(href: SitePath.referenceImport($0.id ?? UUID()).href,
                      kind: ReferenceImportKind(rawValue: $0.kind)?.label ?? $0.kind,
                      state: ReferenceImportController.stateLabels[$0.importState] ?? $0.state,
                      date: $0.createdAt.map { FrenchFormat.dateTime($0) } ?? "")
        }
        return ReferencePage(
            inventory: inventory,
            forms: ReferenceImportKind.allCases.map { kind in
                KindForm(kind: kind.rawValue, label: kind.label,
                         files: kind.fileRoles.map { .init(role: $0.role, label: $0.label, hint: $0.hint, required: $0.isRequired,
                                                           inputId: "\(kind.rawValue)-\($0.role)") },
                         asksLevel: kind == .shapes)
            },
            levels: ShapeLevel.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: false) },
            recent: recent, error: error, errorKind: errorKind,
            breadcrumb: [Breadcrumb(label: "Administration", href: nil)])
    }
}
