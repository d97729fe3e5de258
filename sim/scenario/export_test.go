package scenario

// KeyTables gives the docs test the key tables generated from the format.
var KeyTables = keyTables
