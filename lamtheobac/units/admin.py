from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from lamtheobac.units.models import Person, RoleGrant, Unit


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ["name", "kind", "issuer_code"]
    search_fields = ["name"]


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
