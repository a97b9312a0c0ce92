using System.Reflection;
using NetDashboard.Docker.Observing;

namespace NetDashboard.Docker.Tests;

/// <summary>The adapter keeps Docker.DotNet to itself: nothing the web project can see names one of its types.</summary>
public class PublicSurfaceTests
{
    private const BindingFlags Visible = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void No_public_type_or_member_of_the_adapter_exposes_a_Docker_DotNet_type()
    {
        var adapter = typeof(DockerHostObserver).Assembly;
        var leaks = new List<string>();
        foreach (var type in adapter.GetExportedTypes())
        {
            Check(type.FullName!, [type.BaseType, .. type.GetInterfaces()], leaks);
            foreach (var member in type.GetMembers(Visible))
            {
                Check($"{type.FullName}.{member.Name}", TypesOf(member), leaks);
            }
        }
        Assert.NotEmpty(adapter.GetExportedTypes());
        Assert.True(leaks.Count == 0, "Docker.DotNet types in the public surface:\n" + string.Join('\n', leaks));
    }

    private static IEnumerable<Type?> TypesOf(MemberInfo member) => member switch
    {
        MethodBase m => [.. m.GetParameters().Select(p => p.ParameterType), (m as MethodInfo)?.ReturnType],
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        EventInfo e => [e.EventHandlerType],
        _ => [],
    };

    private static void Check(string where, IEnumerable<Type?> types, List<string> leaks)
    {
        foreach (var type in types.OfType<Type>().SelectMany(Flatten))
        {
            if (type.Assembly.GetName().Name?.StartsWith("Docker.DotNet", StringComparison.Ordinal) == true)
            {
                leaks.Add($"{where}: {type.FullName}");
            }
        }
    }

    /// <summary>The type with its element and generic arguments (a Func of a tuple of X names X too).</summary>
    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        var inner = type.HasElementType ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : [];
        foreach (var t in inner.SelectMany(Flatten))
        {
            yield return t;
        }
    }
}
