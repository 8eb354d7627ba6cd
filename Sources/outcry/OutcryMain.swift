import ArgumentParser
import OutcryCLI

/// The `outcry` executable: everything lives in ``OutcryCommand``.
@main
enum OutcryMain {
    static func main() async {
        await OutcryCommand.main()
    }
}
