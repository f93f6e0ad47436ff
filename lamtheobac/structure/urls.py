from django.urls import path

from lamtheobac.structure import views

app_name = "structure"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:pk>/", views.unit_detail, name="unit"),
    path("<int:pk>/<slug:op>/", views.restructure_unit, name="restructure"),
    path("quyen-chuyen/", views.grant_review, name="grants"),
    path("quyen-chuyen/<int:pk>/giu/", views.grant_keep, name="grant_keep"),
    path("quyen-chuyen/<int:pk>/thu-hoi/", views.grant_revoke, name="grant_revoke"),
]
