using System.CommandLine;
using EuiccEmulator.Cli.Parsing;

namespace EuiccEmulator.Cli.Commands;

/// <summary>
/// euicc-emu completion SHELL: a script that asks euicc-emu itself for completions through System.CommandLine's
/// [suggest:POSITION] directive, so verbs, options and their fixed values complete without any other tool.
/// </summary>
public static class CompletionCommand
{
    public static Command Build(CliContext context)
    {
        var shell = Opt.Arg("SHELL", "bash, zsh or pwsh", "completion: give the SHELL (bash, zsh or pwsh)");
        shell.CompletionSources.Add("bash", "zsh", "pwsh");
        var command = new Command("completion",
            "prints a shell completion script; bash: source <(euicc-emu completion bash), or save it in "
            + "~/.local/share/bash-completion/completions/euicc-emu")
        {
            shell,
        };
        command.SetAction(p =>
        {
            context.Output.Write(Script(p.GetValue(shell)!));
            return 0;
        });
        return command;
    }

    internal static string Script(string shell) => shell switch
    {
        // COMP_LINE is the whole line and COMP_POINT the cursor in it; the directive takes both as they are.
        "bash" => """
            # euicc-emu completion for bash: source <(euicc-emu completion bash)
            _euicc_emu_complete() {
                local IFS=$'\n'
                COMPREPLY=( $(command "${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) )
            }
            complete -o default -F _euicc_emu_complete euicc-emu

            """,
        "zsh" => """
            # euicc-emu completion for zsh: source <(euicc-emu completion zsh)
            _euicc_emu_complete() {
                local -a candidates
                candidates=("${(@f)$(command ${words[1]} "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
                compadd -- $candidates
            }
            compdef _euicc_emu_complete euicc-emu

            """,
        "pwsh" => """
            # euicc-emu completion for PowerShell: euicc-emu completion pwsh | Out-String | Invoke-Expression
            Register-ArgumentCompleter -Native -CommandName euicc-emu -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                euicc-emu "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
        _ => throw new CliException($"completion: '{shell}' is not bash, zsh or pwsh"),
    };
}
