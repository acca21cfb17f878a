using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Error;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using JsJsonSerializer = Jint.Native.Json.JsonSerializer;

namespace Portal.Workflows.Expressions;

/// <summary>
/// Evaluates expressions with Jint in a sandbox: strict mode, no CLR access, no <c>eval</c> or
/// <c>new Function</c>, and limits on time, memory, call depth and statements (<see cref="ExpressionLimits"/>).
/// The script sees the scope as plain JSON-derived JavaScript values under the globals <c>input</c>
/// (alias <c>inputs</c>), <c>variables</c> and <c>outputs</c>; its value comes back as JSON.
/// </summary>
/// <remarks>
/// Thread-safe: each evaluation runs in a fresh engine, so no script can leave state behind for the next
/// one; only parsed scripts are shared, through a bounded cache keyed by the expression text.
/// </remarks>
public sealed class JintExpressionEvaluator : IExpressionEvaluator
{
    /// <summary>How many parsed expressions are kept; the cache starts over when it is full.</summary>
    public const int MaxCachedScripts = 1_000;

    private const int MaxQuotedLength = 80;

    private static readonly string[] BinaryDataGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
    ];

    private readonly ExpressionLimits _limits;
    private static readonly ScriptPreparationOptions Preparation = new() { CollectReferencedGlobals = true };

    private readonly ConcurrentDictionary<string, (Prepared<Script> Script, bool ReachesBinaryData)> _scripts =
        new(StringComparer.Ordinal);

    public JintExpressionEvaluator(ExpressionLimits? limits = null)
    {
        _limits = limits ?? ExpressionLimits.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_limits.Timeout, TimeSpan.Zero, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_limits.MemoryBytes, 0, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_limits.RecursionDepth, 0, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_limits.MaxStatements, 0, nameof(limits));
    }

    public JsonNode? Evaluate(string expression, ExpressionScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);

        var (script, reachesBinaryData) = Prepare(expression);
        var engine = new Engine(ConfigureSandbox);
        try
        {
            CloseAllocationGaps(engine, reachesBinaryData);
            var input = ToJs(engine, scope.Inputs);
            engine.SetValue("input", input);
            engine.SetValue("inputs", input);
            engine.SetValue("variables", ToJs(engine, scope.Variables));
            engine.SetValue("outputs", ToJs(engine, scope.Outputs));

            var result = engine.Evaluate(in script);

            // Serializing may run script code (toJSON, getters, proxies): it stays inside the same limits.
            var json = new JsJsonSerializer(engine).Serialize(result);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }
        catch (JavaScriptException ex)
        {
            var at = ex.Location.Start;
            var where = at.Line > 0 ? $" (line {at.Line}, column {at.Column + 1})" : "";
            throw Fail(expression, $"threw: {Thrown(ex)}{where}", ex);
        }
        catch (Exception ex) when (ex is TimeoutException or RegexMatchTimeoutException)
        {
            throw Fail(expression, $"took longer than {Describe(_limits.Timeout)}", ex);
        }
        catch (MemoryLimitExceededException ex)
        {
            throw Fail(expression, $"exceeded the memory limit of {DescribeBytes(_limits.MemoryBytes)}", ex);
        }
        catch (RecursionDepthOverflowException ex)
        {
            throw Fail(expression, $"exceeded the recursion limit of {_limits.RecursionDepth} nested calls", ex);
        }
        catch (StatementsCountOverflowException ex)
        {
            throw Fail(expression,
                $"exceeded the statement limit of {_limits.MaxStatements.ToString("N0", CultureInfo.InvariantCulture)} statements", ex);
        }
        catch (Exception ex) when (ex is not ExpressionException)
        {
            // The contract promises ExpressionException for any failure; no engine type escapes.
            throw Fail(expression, $"failed: {ex.Message}", ex);
        }
        finally
        {
            engine.Dispose();
        }
    }

    public string? CheckSyntax(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return TryPrepare(expression, out _, out var error) ? null : Reason(error!);
    }

    private (Prepared<Script> Script, bool ReachesBinaryData) Prepare(string expression) =>
        TryPrepare(expression, out var prepared, out var error)
            ? prepared
            : throw Fail(expression, $"does not parse: {Reason(error!)}", error);

    private bool TryPrepare(
        string expression, out (Prepared<Script> Script, bool ReachesBinaryData) prepared, out ParseErrorException? error)
    {
        error = null;
        if (_scripts.TryGetValue(expression, out prepared))
        {
            return true;
        }

        Prepared<Script> script;
        try
        {
            script = Engine.PrepareScript(expression, strict: true, options: Preparation);
        }
        catch (ScriptPreparationException ex) when (ex.InnerException is ParseErrorException parseError)
        {
            error = parseError;
            return false;
        }
        catch (ParseErrorException ex)
        {
            error = ex;
            return false;
        }

        if (_scripts.Count >= MaxCachedScripts)
        {
            _scripts.Clear();
        }

        prepared = (script, ReachesBinaryData(expression, script));
        _scripts.TryAdd(expression, prepared);
        return true;
    }

    private void ConfigureSandbox(Options options)
    {
        // No AllowClr: the script cannot reach .NET types, namespaces or importNamespace.
        options.Strict = true;
        options.Interop.Enabled = false;
        options.Host.StringCompilationAllowed = false;
        // Atomics.wait would block the thread past every limit; an agent that cannot suspend refuses it.
        options.AgentCanSuspend = false;
        options.Culture = CultureInfo.InvariantCulture;
        options.TimeZone = TimeZoneInfo.Utc;
        options.Constraints.RegexTimeout = _limits.Timeout;
        options.TimeoutInterval(_limits.Timeout);
        options.LimitMemory(_limits.MemoryBytes);
        options.LimitRecursion(_limits.RecursionDepth);
        options.MaxStatements(_limits.MaxStatements);
    }

    /// <summary>
    /// Whether the script could reach <c>ArrayBuffer</c> and the typed arrays: it names one of them (escapes
    /// decoded), or names the global object (<c>globalThis</c>, or <c>this</c>, which is the global object at
    /// the top level). <c>this</c> cannot be spelled with escapes, so finding the text is enough; the test is
    /// conservative (a string containing "this" counts), which only costs the slower, still-safe path.
    /// </summary>
    private static bool ReachesBinaryData(string expression, Prepared<Script> script) =>
        expression.Contains("this", StringComparison.Ordinal)
        || script.ReferencedGlobals is not { } globals
        || globals.Any(name => name == "globalThis" || BinaryDataGlobals.Contains(name));

    /// <summary>
    /// Jint charges memory at statement boundaries, after the fact; a few built-ins allocate far more than
    /// the limit in one call before that check can run (a 1 GB <c>ArrayBuffer</c>, <c>'x'.repeat(5e8)</c>).
    /// Expressions have no use for binary data, so those globals go when the script could reach them
    /// (removing a global costs more than the rest of a small evaluation); <c>repeat</c> refuses up front.
    /// </summary>
    private void CloseAllocationGaps(Engine engine, bool reachesBinaryData)
    {
        var global = engine.Global;
        if (reachesBinaryData)
        {
            foreach (var name in BinaryDataGlobals)
            {
                global.RemoveOwnProperty(name);
            }
        }

        var stringPrototype = (ObjectInstance)((ObjectInstance)global.Get("String")).Get("prototype");
        var repeat = stringPrototype.Get("repeat");
        var memoryLimit = _limits.MemoryBytes;
        var guardedRepeat = new ClrFunction(engine, "repeat", (thisValue, arguments) =>
        {
            if (thisValue.IsNull() || thisValue.IsUndefined())
            {
                return engine.Call(repeat, thisValue, arguments);
            }

            var text = TypeConverter.ToString(thisValue);
            var count = TypeConverter.ToIntegerOrInfinity(arguments.Length > 0 ? arguments[0] : JsValue.Undefined);
            if (count > 0 && !double.IsPositiveInfinity(count) && (double)text.Length * count * sizeof(char) > memoryLimit)
            {
                throw new MemoryLimitExceededException($"String.prototype.repeat would allocate more than {memoryLimit} bytes");
            }

            return engine.Call(repeat, JsString.Create(text), [JsNumber.Create(count)]);
        }, 1);
        stringPrototype.FastSetProperty("repeat", new PropertyDescriptor(guardedRepeat, PropertyFlag.NonEnumerable));
    }

    /// <summary>
    /// Plain JavaScript objects, arrays and primitives built from the JSON, as <c>JSON.parse</c> would build
    /// them (own data properties, so a key such as <c>__proto__</c> stays an ordinary property): nothing of
    /// .NET reaches the script. Walking the nodes costs a fraction of printing and re-parsing them.
    /// </summary>
    private static JsValue ToJs(Engine engine, JsonNode? node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case null:
                return JsValue.Null;
            case JsonObject properties:
                var obj = new JsObject(engine);
                foreach (var (name, value) in properties)
                {
                    obj.FastSetDataProperty(name, ToJs(engine, value));
                }

                return obj;
            case JsonArray items:
                var values = new JsValue[items.Count];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = ToJs(engine, items[i]);
                }

                return new JsArray(engine, values);
            default:
                return node.GetValueKind() switch
                {
                    JsonValueKind.String => node.AsValue().TryGetValue<string>(out var text)
                        ? JsString.Create(text)
                        : JsString.Create(JsonSerializer.Deserialize<string>(node.ToJsonString())!),
                    JsonValueKind.Number => node.AsValue().TryGetValue<double>(out var number)
                        ? JsNumber.Create(number)
                        : JsNumber.Create(double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)),
                    JsonValueKind.True => JsBoolean.True,
                    JsonValueKind.False => JsBoolean.False,
                    // A JsonValue wrapping a .NET object that serializes as an object or array.
                    JsonValueKind.Object or JsonValueKind.Array => ToJs(engine, JsonNode.Parse(node.ToJsonString())),
                    _ => JsValue.Null,
                };
        }
    }

    /// <summary>What was thrown, read without running script code (no getters, no toString).</summary>
    private static string Thrown(JavaScriptException exception) => exception.Error switch
    {
        ErrorInstance => exception.Message.TrimEnd('.'),
        ObjectInstance => "an object that is not an Error",
        var value => value.ToString(),
    };

    private static string Reason(ParseErrorException error) =>
        $"{error.Description} (line {error.LineNumber}, column {error.Column + 1})";

    private static ExpressionException Fail(string expression, string what, Exception? inner) =>
        new($"The expression `{Quote(expression)}` {what}.", inner);

    private static string Quote(string expression)
    {
        var oneLine = expression.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= MaxQuotedLength ? oneLine : string.Concat(oneLine.AsSpan(0, MaxQuotedLength), "…");
    }

    private static string Describe(TimeSpan timeout) =>
        timeout.TotalMilliseconds % 1000 == 0
            ? $"{timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s"
            : $"{timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms";

    private static string DescribeBytes(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB"
            : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";
}
