import LeafKit
import CLSCore

/// One choice of a select list or a group of checkboxes.
struct SelectOption: Encodable {
    let value: String
    let label: String
    var selected = false
}

enum Options {
    static func regions(selected: String?) -> OptionList {
        OptionList(AdministrativeAreas.regions.sorted { $0.name < $1.name }
            .map { SelectOption(value: $0.code, label: $0.name, selected: $0.code == selected) })
    }

    /// About a hundred departments: rendered in Swift (`OptionList`), not by a template loop.
    static func departments(selected: String?) -> OptionList {
        OptionList(AdministrativeAreas.departments.map {
            SelectOption(value: $0.code, label: "\($0.code) – \($0.name)", selected: $0.code == selected)
        })
    }

    static func states(selected: String?) -> [SelectOption] {
        ContractState.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func initiatives(selected: String?) -> [SelectOption] {
        Initiative.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func linkedSchemes(selected: [String]) -> [SelectOption] {
        LinkedScheme.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: selected.contains($0.rawValue)) }
    }

    static func organisationKinds(selected: String?) -> [SelectOption] {
        OrganisationKind.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }

    static func competences(selected: [String]) -> [SelectOption] {
        CompetenceDomain.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: selected.contains($0.rawValue)) }
    }

    static func roles(selected: String?) -> [SelectOption] {
        Role.allCases.map { SelectOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == selected) }
    }
}

/// A long select list (the organisations of a region) rendered once as `<option>` elements,
/// escaped by LeafKit's own `htmlEscaped()`, for `#unsafeHTML(list.html)` in a template: a template
/// loop resolves every expression of every option, about ten microseconds each, and a contract page
/// holds two lists of up to 500 organisations.
struct OptionList: Encodable {
    let html: String
    let count: Int

    init(_ options: [SelectOption]) {
        var html = ""
        html.reserveCapacity(options.count * 80)
        for option in options {
            html += "<option value=\"\(option.value.htmlEscaped())\"\(option.selected ? " selected" : "")>\(option.label.htmlEscaped())</option>"
        }
        self.html = html
        count = options.count
    }
}
