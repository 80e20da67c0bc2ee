using Microsoft.EntityFrameworkCore;

namespace Masthead.Data;

/// <summary>PostgreSQL, for newsrooms that outgrow one box.</summary>
public sealed class PostgresMastheadDb(DbContextOptions<PostgresMastheadDb> options) : MastheadDb(options);
