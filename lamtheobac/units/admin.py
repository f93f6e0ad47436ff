from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from lamtheobac.units.models import Person, RoleGrant, Unit


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ["name", "code", "kind", "issuer_code", "declared_member_count"]
    search_fields = ["name", "code"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "unit", "is_party_member", "position"]
    search_fields = ["given_name", "family_name", "middle_name"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "user"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_select_related = ["user", "unit"]
    raw_id_fields = ["user", "unit"]
