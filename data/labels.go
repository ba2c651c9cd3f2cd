package data

// FieldLabel is the Chinese name of a member field (see MemberFields), or
// the key itself. Other entities' fields: EntityFieldLabel.
func FieldLabel(key string) string {
	if f, ok := MemberField(key); ok {
		return f.Label
	}
	return key
}

// SettingLabel is the Chinese name of a setting key.
func SettingLabel(key string) string {
	if f, ok := settingField(key); ok {
		return f.Label
	}
	if f, ok := anchorField(key); ok {
		return f.Label
	}
	return key
}
