namespace Portal.Provisioning.Tests.Redfish;

/// <summary>How the fake BMC lets its CD be changed.</summary>
internal enum FakeVirtualMediaForm
{
    /// <summary>#VirtualMedia.InsertMedia / EjectMedia actions; a PATCH of the resource is refused (405), as on many BMCs.</summary>
    Actions,

    /// <summary>
    /// No actions: the resource is shaped like the example of DMTF's VirtualMedia schema (Image, ImageName,
    /// ConnectedVia, Inserted, WriteProtected) and is changed by a PATCH of those properties.
    /// </summary>
    PatchDmtfExample,

    /// <summary>No actions, and no Inserted or WriteProtected property: a PATCH naming either is refused (400 PropertyUnknown).</summary>
    PatchImageOnly,
}
