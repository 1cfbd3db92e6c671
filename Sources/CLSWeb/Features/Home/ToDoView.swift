import CLSCore
import CLSStore

/// The home page's "to do" lists, one per role the person holds, each item linking to the page
/// where it is done.
struct ToDoGroup: Encodable {
    struct Item: Encodable {
        let text: String
        let contract: String
        let due: String
        let isLate: Bool
        let href: String
    }

    let title: String
    let items: [Item]

    static func groups(_ lists: ToDoList.Lists) -> [ToDoGroup] {
        [("Mes fiches actions", lists.pilot), ("Coordination de mes contrats", lists.coordination),
         ("Bilans à approuver", lists.ars), ("Administration", lists.admin)]
            .filter { !$0.1.isEmpty }
            .map { title, items in
                ToDoGroup(title: title, items: items.map { item in
                    Item(text: item.text, contract: item.contractName, due: item.due.map { FrenchFormat.date($0) } ?? "",
                         isLate: item.isLate, href: item.place.path.href)
                })
            }
    }
}
