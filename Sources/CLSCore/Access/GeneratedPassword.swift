/// Random passwords for new accounts and resets: 20 characters from an unambiguous alphabet.
public enum GeneratedPassword {
    public static let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789-")

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        // Four groups of five, with the kinds PasswordRules asks for guaranteed.
        var characters = (0..<17).map { _ in alphabet.randomElement(using: &generator)! }
        characters += ["k", "P", "7"]
        characters.shuffle(using: &generator)
        return stride(from: 0, to: 20, by: 5).map { String(characters[$0..<$0 + 5]) }.joined(separator: "-")
    }
}
